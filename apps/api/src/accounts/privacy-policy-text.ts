import type { PrivacyPolicySection } from '@vetmeet/contracts';

/**
 * The privacy policy's text, as the product brief's promises (shared/docs/PRODUCT.md) and the
 * source policies it was designed from state them. A change here is a new policy: bump
 * CURRENT_PRIVACY_POLICY_VERSION with it, so nobody accepts a text they were not shown.
 */
export const PRIVACY_POLICY_SECTIONS: PrivacyPolicySection[] = [
  {
    id: 'who-we-are',
    heading: 'Who we are',
    paragraphs: [
      'Vetmeet lets pet owners book and pay for video consultations with vets (consultants) of the clinics on the ' +
        'platform, and meet them in a private video room in the browser. The operator of this Vetmeet service is the ' +
        'controller of your personal data; each clinic keeps the records of its own consultations with us, and sees ' +
        "no other clinic's data.",
      'This policy says what we collect, why, who sees it, how long we keep it, and what you can ask of us.',
    ],
  },
  {
    id: 'what-we-collect',
    heading: 'What we collect',
    paragraphs: ['Only what the service needs:'],
    items: [
      'Your account: name, email address, country, time zone, a hash of your password (never the password ' +
        'itself), whether you use a second sign-in step, and the privacy policy version you accepted.',
      'Your pets: name, species, breed, date of birth, sex, weight, allergies, medical history, and the photos, ' +
        'videos, lab results and diagnostic images you add.',
      'Your consultations: bookings, times, the reason you give, the chat and the files shared in it, the ' +
        "consultant's report, and a recording only where everyone consented to one.",
      'Payments: amounts, currency, status and refunds. Card details go straight to our payment processor; they ' +
        'never reach our servers.',
      'Security records: your sessions (device and browser kind), sign-ins and failed sign-ins, and the audit log ' +
        'of who read or changed personal data, with the network address it came from.',
    ],
  },
  {
    id: 'why',
    heading: 'Why we use it',
    paragraphs: [
      'To run your account and keep it secure; to book, hold, pay for, move and cancel consultations; to connect the ' +
        'video room; to send you the emails the service needs (confirming your address, bookings, reminders, ' +
        'password resets); to keep the records the law asks of veterinary care and of payments; and to detect and ' +
        'investigate misuse. We do not sell your data, use it for advertising, or track you across other sites.',
    ],
  },
  {
    id: 'who-sees-what',
    heading: 'Who sees what',
    paragraphs: [
      'A consultant you book sees, of you, only your name, country and time zone, and the record of the pet the ' +
        'consultation is for, for that consultation only. They do not see your other pets, your email address or ' +
        'your payments.',
      "Only the consultation's two participants see its chat, its files and its room. The clinic's administrators " +
        'see that a consultation took place, not its content. Support staff see a recording only where you consented ' +
        "to its review, and every such access is logged. The platform's operators run the service and see no " +
        "clinic's patients, pets, chats or recordings.",
      'We give data to nobody else except our processors below, or where the law requires it.',
    ],
  },
  {
    id: 'recording',
    heading: 'Recording only with consent',
    paragraphs: [
      'A consultation is recorded only when everyone in it has consented. Everyone sees while it records, and it ' +
        'stops as soon as anyone withdraws their consent. You choose separately whether support staff may review a ' +
        'recording.',
    ],
  },
  {
    id: 'security',
    heading: 'How we protect it',
    paragraphs: [
      'Video and sound travel encrypted (DTLS/SRTP). Files, chat messages and recordings are encrypted at rest ' +
        '(AES-256-GCM), each under its own key. Passwords are stored as argon2id hashes, and you can add a second ' +
        'sign-in step. Each clinic\'s data is separated by the database itself, access follows each person\'s role, ' +
        'and every read, change and export of personal data is recorded in a tamper-evident audit log.',
    ],
  },
  {
    id: 'retention',
    heading: 'How long we keep it',
    paragraphs: [
      'These are the longest periods; a clinic may set shorter ones. What is due is deleted by a scheduled job.',
    ],
    items: [
      'Recordings, photos, videos and chat: 12 months.',
      'Medical reports, diagnostics and test results: 36 months.',
      'Billing and payment records: 7 years, as tax and accounting law requires.',
      'Audit logs: 12 months.',
      'Your account: until you close it, and 30 days after.',
    ],
  },
  {
    id: 'rights',
    heading: 'Your rights',
    paragraphs: ['You can ask us at any time, and we track each request against its deadline:'],
    items: [
      'Access: a copy of the data we hold about you and your pets.',
      'Portability: that copy in a machine-readable form, to take elsewhere.',
      'Rectification: correct what is wrong (most of it you can edit yourself).',
      'Erasure: we erase your data within 30 days, except what the law requires us to keep (such as billing ' +
        'records), which we then keep only for that purpose.',
      'Restriction: that we keep your data but no longer use it while a question about it is settled.',
      'Objection: to a use of your data based on our legitimate interests.',
      'Consent withdrawal: consent you gave (to a recording, to its review) can be withdrawn at any time, without ' +
        'affecting what was done before.',
    ],
  },
  {
    id: 'breaches',
    heading: 'If something goes wrong',
    paragraphs: [
      'If a security incident puts your data at risk, we record its scope and tell you, and the supervisory ' +
        'authority where the law requires it, within 72 hours of learning of it.',
    ],
  },
  {
    id: 'processors',
    heading: 'Processors',
    paragraphs: [
      'Stripe processes payments: it receives your card details directly from your browser, and the amount and a ' +
        'reference of your booking from us. Our hosting and email providers store and deliver data on our ' +
        'instructions only. Each processor is bound by a data processing agreement.',
    ],
  },
  {
    id: 'cookies',
    heading: 'Cookies',
    paragraphs: [
      'One cookie keeps you signed in: it holds a random session key and nothing about you. It ends when you sign ' +
        'out, after 30 minutes without activity, or after 12 hours at most. We use no analytics or advertising ' +
        'cookies.',
    ],
  },
  {
    id: 'contact',
    heading: 'Contact and changes',
    paragraphs: [
      'Exercise your rights or ask about this policy by writing to the privacy contact of this service; you can ' +
        'also complain to your data protection authority. When this policy changes, it gets a new version, shown at ' +
        'the top of this page; a new account accepts the version it was shown.',
    ],
  },
];
