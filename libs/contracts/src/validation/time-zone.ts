import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Any IANA name the runtime's ICU knows, aliases included (Europe/Kyiv and the older Europe/Kiev alike). */
export function isIanaTimeZone(name: unknown): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** class-validator: an IANA time zone such as Europe/Kyiv. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an IANA time zone such as Europe/Kyiv`, ...options },
      validator: { validate: isIanaTimeZone },
    });
}
