import type { DemoAccountRole } from '@vetmeet/contracts';

/** The demo's accounts, by the key their generated password is kept under. */
export type DemoAccountKey = 'owner' | 'vetAna' | 'vetBen' | 'clinicAdmin' | 'operator';

export interface DemoPerson {
  key: DemoAccountKey;
  role: DemoAccountRole;
  label: string;
  displayName: string;
  email: string;
}

/**
 * Who the demo is made of. Every name says "Demo" and every address is under the reserved
 * .test domain, so nobody mistakes them for real people and no mail reaches anyone.
 */
export const DEMO_DOMAIN = 'demo.vetmeet.test';

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'owner',
    role: 'owner',
    label: 'Pet owner: books and pays',
    displayName: 'Olga Demo (pet owner)',
    email: `owner@${DEMO_DOMAIN}`,
  },
  {
    key: 'vetAna',
    role: 'consultant',
    label: 'Consultant: accepts and meets',
    displayName: 'Dr. Ana Demo',
    email: `ana.vet@${DEMO_DOMAIN}`,
  },
  {
    key: 'vetBen',
    role: 'consultant',
    label: 'Consultant',
    displayName: 'Dr. Ben Demo',
    email: `ben.vet@${DEMO_DOMAIN}`,
  },
  {
    key: 'clinicAdmin',
    role: 'clinic_admin',
    label: 'Clinic admin of Demo clinic',
    displayName: 'Clara Demo (clinic admin)',
    email: `admin@${DEMO_DOMAIN}`,
  },
  {
    key: 'operator',
    role: 'operator',
    label: 'Platform operator',
    displayName: 'Oscar Demo (operator)',
    email: `operator@${DEMO_DOMAIN}`,
  },
];

export const demoPerson = (key: DemoAccountKey): DemoPerson =>
  DEMO_PEOPLE.find((person) => person.key === key) as DemoPerson;

export const DEMO_CLINIC_NAME = 'Demo clinic';
export const DEMO_CLINIC_LEGAL_ENTITY = 'Demo clinic (not a real company)';

/** What each demo consultant's public profile says about them; colours tint their generated photo. */
export interface DemoConsultantProfile {
  specialties: string[];
  species: string[];
  languages: string[];
  bio: string;
  colour: [number, number, number];
}

export const DEMO_CONSULTANT_PROFILES: Record<'vetAna' | 'vetBen', DemoConsultantProfile> = {
  vetAna: {
    specialties: ['dermatology', 'nutrition'],
    species: ['cat', 'dog'],
    languages: ['en', 'uk'],
    bio: 'Demo consultant, not a real vet: this profile comes with the demo data of a development run.',
    colour: [46, 125, 110],
  },
  vetBen: {
    specialties: ['behaviour'],
    species: ['dog', 'rabbit'],
    languages: ['en', 'pl'],
    bio: 'Demo consultant, not a real vet: this profile comes with the demo data of a development run.',
    colour: [120, 82, 160],
  },
};

export const DEMO_PET = {
  name: 'Biscuit (demo cat)',
  species: 'cat',
  breed: 'Domestic shorthair',
  sex: 'female' as const,
  birthDate: null,
  weightKg: 4.2,
  allergies: null,
  medicalHistory: 'Demo pet: no real history.',
};
export const DEMO_CLINIC_COUNTRY = 'NL';
export const DEMO_CLINIC_TIME_ZONE = 'Europe/Amsterdam';
/** A made-up street in a real city, so the directory shows the clinic's city as it would a real one's. */
export const DEMO_CLINIC_ADDRESS = {
  lines: ['Demostraat 1 (not a real address)'],
  city: 'Amsterdam',
  postcode: '1011 AA',
  country: DEMO_CLINIC_COUNTRY,
};
