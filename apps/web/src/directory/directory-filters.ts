import { CONSULTANT_DIRECTORY_DEFAULT_LIMIT, type ConsultantDirectoryQueryPayload } from '@vetmeet/contracts/client';
import { parseCalendarDate } from '../format/dates';

/*
 * The directory's filters live in the address (/consultants?species=cat&date=2026-11-24), so
 * a search can be shared, bookmarked and come back with the Back button. The page reads them
 * from the query and writes them there; nothing else holds them.
 */

export interface DirectoryFilters {
  species: string;
  language: string;
  specialty: string;
  /** YYYY-MM-DD in the viewer's zone, or ''. */
  date: string;
}

export const FILTER_NAMES = ['species', 'language', 'specialty', 'date'] as const;

export const noFilters: DirectoryFilters = { species: '', language: '', specialty: '', date: '' };

/** The same shape the API accepts for codes: lower-case letters, digits, '-' and '_'. */
const CODE = /^[a-z][a-z0-9_-]{0,39}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Normalizes what a person typed into a code the API matches on ('Dog ' → 'dog'), or '' when it cannot be one. */
export function toCode(value: string): string {
  const code = value.trim().toLowerCase().replace(/\s+/g, '-');
  return CODE.test(code) ? code : '';
}

function languageTag(value: string): string {
  const tag = value.trim();
  return LANGUAGE_TAG.test(tag) ? tag : '';
}

/** Filters from the address; a value that could never match (a malformed date or code) is dropped, not sent. */
export function filtersFromSearch(search: URLSearchParams): DirectoryFilters {
  const date = search.get('date') ?? '';
  return {
    species: toCode(search.get('species') ?? ''),
    language: languageTag(search.get('language') ?? ''),
    specialty: toCode(search.get('specialty') ?? ''),
    date: parseCalendarDate(date) ? date : '',
  };
}

/** The query string for the filters ('' when none), in a fixed order so equal searches have equal addresses. */
export function searchFromFilters(filters: DirectoryFilters): string {
  const search = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    if (filters[name]) search.set(name, filters[name]);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (filters: DirectoryFilters): boolean => FILTER_NAMES.some((name) => filters[name] !== '');

/** The API's query for one page; the viewer's zone goes along with a date, which is read in it. */
export function directoryQuery(filters: DirectoryFilters, timeZone: string, cursor: string | null): ConsultantDirectoryQueryPayload {
  const query: ConsultantDirectoryQueryPayload = { limit: CONSULTANT_DIRECTORY_DEFAULT_LIMIT };
  if (filters.species) query.species = filters.species;
  if (filters.language) query.language = filters.language;
  if (filters.specialty) query.specialty = filters.specialty;
  if (filters.date) {
    query.date = filters.date;
    query.timeZone = timeZone;
  }
  if (cursor) query.cursor = cursor;
  return query;
}

/** Any query object as a query string, leaving out what is unset. */
export function toQueryString(query: object): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
