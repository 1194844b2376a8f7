import type { PetView } from '@vetmeet/contracts/client';
import { ageFrom } from '../format/dates';
import { Link } from '../router/Link';
import { formatWeight } from '../pets/pet-form';

function summary(pet: PetView): string {
  const age = pet.birthDate ? ageFrom(pet.birthDate) : null;
  return [pet.breed ? `${pet.species}, ${pet.breed}` : pet.species, age, pet.weightKg === null ? null : formatWeight(pet.weightKg)]
    .filter(Boolean)
    .join(' · ');
}

export function PetList({ pets }: { pets: PetView[] }) {
  return (
    <ul className="card-list" data-testid="pet-list">
      {pets.map((pet) => (
        <li key={pet.id} className="card pet-card">
          <span className="pet-avatar" aria-hidden="true">
            {pet.name.slice(0, 1).toUpperCase()}
          </span>
          <div>
            <Link to={`/pets/${pet.id}`} className="card-title">
              {pet.name}
            </Link>
            <p className="card-meta">{summary(pet)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
