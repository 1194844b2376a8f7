import 'reflect-metadata';

const DESCRIPTION_KEY = Symbol('config:description');

/** Documents a setting where it is declared, so the README table and the code cannot drift. */
export function Describe(description: string): PropertyDecorator {
  return (target, property) => {
    const descriptions: Record<string, string> = Reflect.getMetadata(DESCRIPTION_KEY, target) ?? {};
    Reflect.defineMetadata(DESCRIPTION_KEY, { ...descriptions, [property as string]: description }, target);
  };
}

export function describedSettings(target: object): Record<string, string> {
  return Reflect.getMetadata(DESCRIPTION_KEY, target) ?? {};
}
