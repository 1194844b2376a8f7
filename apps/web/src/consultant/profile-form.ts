import {
  chargeAmountProblem,
  chargeCurrency,
  CONSULTANT_MAX_OFFERINGS,
  CONSULTATION_MAX_MINUTES,
  CONSULTATION_MIN_MINUTES,
  ErrorCode,
  type ConsultantOwnProfileView,
  type ConsultantProfilePayload,
} from '@vetmeet/contracts/client';
import type { ApiError, FieldProblems } from '../api/api-error';
import { newRowKey } from './local-intervals';
import { parsePrice, priceInputOf } from './price-input';
import { bracketIndexes } from './server-fields';

/** One consultation length and its price, as typed. */
export interface OfferingValues {
  key: string;
  durationMinutes: string;
  /** In major units of the profile's currency ("45.00"). */
  price: string;
}

/** The profile form: lists are typed comma-separated, numbers as text. */
export interface ProfileValues {
  displayName: string;
  specialties: string;
  species: string;
  languages: string;
  bio: string;
  timeZone: string;
  priceCurrency: string;
  offerings: OfferingValues[];
  autoAccept: boolean;
  published: boolean;
}

/** Limits of the API's ConsultantProfileRequest, checked here first so the consultant hears sooner. */
export const PROFILE_LIMITS = { displayName: 80, bio: 4_000, listItems: 20 } as const;

/** What the API matches filters on: a short lower-case code. */
const CODE = /^[a-z][a-z0-9_-]{0,39}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const offeringField = (index: number, part: 'durationMinutes' | 'price') => `offering-${index}-${part}`;

/** A new profile: the consultant's name, and the clinic's time zone and default currency (EUR when none is given). */
export function emptyProfile(displayName: string, timeZone: string, priceCurrency = 'EUR'): ProfileValues {
  return {
    displayName,
    specialties: '',
    species: '',
    languages: 'en',
    bio: '',
    timeZone,
    priceCurrency,
    offerings: [{ key: newRowKey(), durationMinutes: '30', price: '' }],
    autoAccept: false,
    published: false,
  };
}

export function profileValuesOf(view: ConsultantOwnProfileView): ProfileValues {
  return {
    displayName: view.displayName,
    specialties: view.specialties.join(', '),
    species: view.species.join(', '),
    languages: view.languages.join(', '),
    bio: view.bio,
    timeZone: view.timeZone,
    priceCurrency: view.priceCurrency,
    offerings: [...view.offerings]
      .sort((a, b) => a.durationMinutes - b.durationMinutes)
      .map((offering) => ({ key: newRowKey(), durationMinutes: String(offering.durationMinutes), price: priceInputOf(offering.priceAmount, view.priceCurrency) })),
    autoAccept: view.autoAccept,
    published: view.published,
  };
}

/** The entries of a comma-separated list, trimmed, without blanks or repeats. */
export function splitList(text: string): string[] {
  const items = text
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

/** "Exotic pets" → "exotic-pets": the code a typed specialty or species becomes. */
export const toCode = (item: string): string => item.trim().toLowerCase().replace(/\s+/g, '-');

/** "EN" → "en", "pt-br" → "pt-BR"; left as typed when it is not a language tag. */
export function toLanguageTag(item: string): string {
  try {
    return Intl.getCanonicalLocales(item.trim())[0] ?? item.trim();
  } catch {
    return item.trim();
  }
}

export const parseCodes = (text: string): string[] => [...new Set(splitList(text).map(toCode))];
export const parseLanguages = (text: string): string[] => [...new Set(splitList(text).map(toLanguageTag))];

function checkList(problems: FieldProblems, field: string, items: string[], valid: RegExp, what: string): void {
  const bad = items.filter((item) => !valid.test(item));
  if (bad.length > 0) problems[field] = `${bad.map((item) => `“${item}”`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not ${what}.`;
  else if (items.length > PROFILE_LIMITS.listItems) problems[field] = `List at most ${PROFILE_LIMITS.listItems}.`;
}

const isIanaZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
};

export function validateProfile(values: ProfileValues): FieldProblems {
  const problems: FieldProblems = {};
  const name = values.displayName.trim();
  if (!name) problems.displayName = 'Enter the name owners see.';
  else if (name.length > PROFILE_LIMITS.displayName) problems.displayName = `The name must be ${PROFILE_LIMITS.displayName} characters or fewer.`;
  checkList(problems, 'specialties', parseCodes(values.specialties), CODE, 'a short word (letters, digits and dashes, starting with a letter)');
  checkList(problems, 'species', parseCodes(values.species), CODE, 'a short word such as dog or cat');
  checkList(problems, 'languages', parseLanguages(values.languages), LANGUAGE_TAG, 'a language code such as en, uk or pt-BR');
  if (values.bio.length > PROFILE_LIMITS.bio) problems.bio = `The introduction must be ${PROFILE_LIMITS.bio} characters or fewer.`;
  if (!isIanaZone(values.timeZone)) problems.timeZone = 'Choose your time zone from the list.';
  const chargeable = chargeCurrency(values.priceCurrency) !== null;
  if (!chargeable) problems.priceCurrency = 'Choose the currency of your prices from the list.';
  if (values.offerings.length > CONSULTANT_MAX_OFFERINGS) problems[offeringField(CONSULTANT_MAX_OFFERINGS, 'durationMinutes')] = `Offer at most ${CONSULTANT_MAX_OFFERINGS} lengths.`;
  const lengths = new Set<number>();
  values.offerings.forEach((offering, index) => {
    const minutes = /^\d+$/.test(offering.durationMinutes.trim()) ? Number(offering.durationMinutes.trim()) : NaN;
    if (!(minutes >= CONSULTATION_MIN_MINUTES && minutes <= CONSULTATION_MAX_MINUTES)) {
      problems[offeringField(index, 'durationMinutes')] = `Enter a length from ${CONSULTATION_MIN_MINUTES} to ${CONSULTATION_MAX_MINUTES} minutes.`;
    } else if (lengths.has(minutes)) {
      problems[offeringField(index, 'durationMinutes')] = `${minutes} minutes is offered twice: keep one price for it.`;
    }
    lengths.add(minutes);
    const price = parsePrice(offering.price, values.priceCurrency);
    const unchargeable = price && chargeable ? chargeAmountProblem(price, values.priceCurrency) : null;
    if (price === null) {
      problems[offeringField(index, 'price')] = `Enter the price of ${Number.isNaN(minutes) ? 'this length' : `${minutes} minutes`} in ${values.priceCurrency}, e.g. 45.00 (0 for free).`;
    } else if (unchargeable) {
      problems[offeringField(index, 'price')] = `The price ${unchargeable} (0 makes it free).`;
    }
  });
  if (values.published && values.offerings.length === 0) problems.published = 'Add a consultation length with a price before publishing.';
  return problems;
}

/** Call only after validateProfile found nothing. */
export function toProfilePayload(values: ProfileValues): ConsultantProfilePayload {
  return {
    displayName: values.displayName.trim(),
    specialties: parseCodes(values.specialties),
    species: parseCodes(values.species),
    languages: parseLanguages(values.languages),
    bio: values.bio.trim(),
    timeZone: values.timeZone,
    priceCurrency: values.priceCurrency,
    offerings: values.offerings.map((offering) => ({
      durationMinutes: Number(offering.durationMinutes.trim()),
      priceAmount: parsePrice(offering.price, values.priceCurrency) ?? 0,
    })),
    autoAccept: values.autoAccept,
    published: values.published,
  };
}

export const newOffering = (): OfferingValues => ({ key: newRowKey(), durationMinutes: '', price: '' });

/** Why publishing waits: the server's rule (CONSULTANT_PROFILE_INCOMPLETE) in the consultant's words. */
export const PUBLISH_NEEDS = 'Publishing needs at least one consultation length with a price and some opening hours (a weekly rule, or a date with its own hours).';

/** Beside the publish box when publishing was refused: what to do about it. */
export const PUBLISH_FIRST = 'Not yet: save your profile unpublished, set your hours, then publish it.';

/** The form's field for a detail of the server's VALIDATION_FAILED answer. */
export function profileFieldOf(serverField: string): string | undefined {
  const offering = /^offerings\[(\d+)\]\.(durationMinutes|priceAmount)$/.exec(bracketIndexes(serverField));
  if (offering) return offeringField(Number(offering[1]), offering[2] === 'priceAmount' ? 'price' : 'durationMinutes');
  const fields = ['displayName', 'specialties', 'species', 'languages', 'bio', 'timeZone', 'priceCurrency', 'offerings', 'published'];
  if (!fields.includes(serverField)) return undefined;
  return serverField === 'offerings' ? offeringField(0, 'durationMinutes') : serverField;
}

/** The sentence at the top of the form for an error the page can say more about. */
export function explainProfileError(error: ApiError): string | undefined {
  if (error.code === ErrorCode.ConsultantProfileIncomplete) return `Nothing was saved: your profile cannot be published yet. ${PUBLISH_NEEDS}`;
  if (error.code === ErrorCode.Forbidden) return 'Only consultants of this clinic keep a profile here; if your profile belongs to another clinic, edit it there.';
  return undefined;
}
