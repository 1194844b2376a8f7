import { useState, type ChangeEvent, type FormEvent } from 'react';
import { COMMON_LANGUAGES, COMMON_SPECIES, codeLabel, languageLabel } from '../directory/code-labels';
import { noFilters, toCode, type DirectoryFilters } from '../directory/directory-filters';

interface DirectoryFilterFormProps {
  filters: DirectoryFilters;
  /** The viewer's zone: the date is a day on their calendar. */
  timeZone: string;
  /** Today in the viewer's zone: no earlier date can have free slots. */
  today: string;
  onApply: (filters: DirectoryFilters) => void;
}

/** The directory's filters; applying them changes the address, which the page reads back. */
export function DirectoryFilterForm({ filters, timeZone, today, onApply }: DirectoryFilterFormProps) {
  // Edited here, applied on submit: the list does not jump while someone is still choosing.
  const [values, setValues] = useState<DirectoryFilters>(filters);
  const [appliedKey, setAppliedKey] = useState(JSON.stringify(filters));
  const filtersKey = JSON.stringify(filters);
  if (filtersKey !== appliedKey) {
    // The address changed under the form (Back, a link): show what is applied.
    setAppliedKey(filtersKey);
    setValues(filters);
  }

  const bind = (name: keyof DirectoryFilters) => ({
    id: `directory-${name}`,
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((current) => ({ ...current, [name]: event.target.value })),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onApply({ ...values, specialty: toCode(values.specialty) });
  }

  // A species or language in the address that is not among the common ones still shows as chosen.
  const speciesChoices = values.species && !(COMMON_SPECIES as readonly string[]).includes(values.species) ? [...COMMON_SPECIES, values.species] : COMMON_SPECIES;
  const languageChoices = values.language && !(COMMON_LANGUAGES as readonly string[]).includes(values.language) ? [...COMMON_LANGUAGES, values.language] : COMMON_LANGUAGES;

  return (
    <form className="card directory-filters" role="search" aria-label="Filter vets" onSubmit={submit}>
      <div className="field">
        <label htmlFor="directory-species">Species</label>
        <select className="input select" {...bind('species')}>
          <option value="">Any species</option>
          {speciesChoices.map((code) => (
            <option key={code} value={code}>
              {codeLabel(code)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="directory-language">Language</label>
        <select className="input select" {...bind('language')}>
          <option value="">Any language</option>
          {languageChoices.map((tag) => (
            <option key={tag} value={tag}>
              {languageLabel(tag)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="directory-specialty">Specialty</label>
        <input className="input" type="text" placeholder="e.g. dermatology" autoComplete="off" spellCheck={false} maxLength={40} {...bind('specialty')} />
      </div>
      <div className="field">
        <label htmlFor="directory-date">Free on</label>
        <input className="input" type="date" min={today} aria-describedby="directory-date-hint" {...bind('date')} />
        <p id="directory-date-hint" className="field-hint small">
          A day in your time zone ({timeZone}).
        </p>
      </div>
      <div className="directory-filter-actions">
        <button type="submit" className="button button-primary">
          Show vets
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setValues(noFilters);
            onApply(noFilters);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
