import type { MailStrings } from './mail-strings';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const en: MailStrings = {
  layout: {
    linkFallback: 'If the button does not work, copy this link into your browser:',
    signature: 'The Vetmeet team',
    footer: 'Vetmeet: video consultations with veterinarians. This automatic message was sent to you because of your account or an invitation.',
  },
  verifyEmail: {
    subject: 'Confirm your email address for Vetmeet',
    heading: 'Confirm your email address',
    body: 'Welcome to Vetmeet! Please confirm that this is your email address, so we can send you booking confirmations and reminders.',
    action: 'Confirm email address',
    expires: (hours) => `This link expires in ${plural(hours, 'hour', 'hours')}.`,
    notYou: 'If you did not create a Vetmeet account, you can ignore this email.',
  },
  resetPassword: {
    subject: 'Reset your Vetmeet password',
    heading: 'Reset your password',
    body: 'Someone, hopefully you, asked to reset the password of your Vetmeet account. Choose a new password with the link below.',
    action: 'Choose a new password',
    expires: (minutes) => `This link expires in ${plural(minutes, 'minute', 'minutes')} and works only once.`,
    notYou: 'If you did not ask for this, you can ignore this email: your password stays as it is.',
  },
  staffInvitation: {
    subject: (clinicName) => `You are invited to join ${clinicName} on Vetmeet`,
    heading: (clinicName) => `Join ${clinicName} on Vetmeet`,
    body: (clinicName, role) => `${clinicName} invites you to work with them on Vetmeet as ${role}.`,
    clinicLabel: 'Clinic',
    roleLabel: 'Role',
    roles: { consultant: 'a consultant', support: 'support staff', clinic_admin: 'a clinic admin' },
    action: 'Accept the invitation',
    expires: (days) => `This invitation expires in ${plural(days, 'day', 'days')}.`,
    notYou: 'If you did not expect this invitation, you can ignore this email.',
  },
  clinicDecision: {
    subject: {
      approved: (clinicName) => `${clinicName} is approved on Vetmeet`,
      refused: (clinicName) => `Your application for ${clinicName} on Vetmeet was not approved`,
    },
    heading: { approved: 'Your clinic is approved', refused: 'Your clinic application was not approved' },
    body: {
      approved: (clinicName) =>
        `A Vetmeet operator approved ${clinicName}. You are its clinic admin: invite your consultants and staff.`,
      refused: (clinicName) =>
        `A Vetmeet operator did not approve ${clinicName}, for the reason below. You may apply again.`,
    },
    clinicLabel: 'Clinic',
    reasonLabel: 'Reason',
    action: { approved: 'Open your clinic', refused: 'See your application' },
  },
  consultationInvitation: {
    subject: ({ other, pet }) => `${other} invites you to a video consultation about ${pet}`,
    heading: 'You are invited to a video consultation',
    body: ({ other, pet }, clinicName) => `${other} of ${clinicName} asks to hold a video consultation with you about ${pet} on Vetmeet.`,
    action: 'Accept or decline',
    notes: [
      `Until you accept, the consultant sees nothing of you or of your pet; accepting shows them your name, country and time zone and your pet's record until the consultation's room closes.`,
      'If you did not expect this invitation, decline it or ignore this email: it expires when its time has passed.',
    ],
  },
  passwordChanged: {
    subject: 'Your Vetmeet password was changed',
    heading: 'Your password was changed',
    body: (when) => `The password of your Vetmeet account was changed on ${when}.`,
    notYou: 'If you did not change it, someone else may know your password: reset it now.',
    action: 'Reset your password',
  },
  booking: {
    greeting: (name) => `Hello ${name},`,
    when: (range, timeZone) => (timeZone ? `${range} (${timeZone} time)` : range),
    whenLabel: 'When',
    previousWhenLabel: 'Was',
    petLabel: 'Pet',
    otherLabel: { owner: 'Consultant', consultant: 'Pet owner' },
    refundLabel: 'Refund',
    calendarTitle: ({ other, pet }) => `Vetmeet consultation: ${pet} with ${other}`,
    calendarDescription: (link) => `Join the video consultation from its page on Vetmeet: ${link}`,
    calendarNote: 'The attached calendar file adds the consultation to your calendar, or updates it there.',
    requested: {
      owner: {
        subject: ({ other }) => `Your booking request was sent to ${other}`,
        heading: 'Your booking request was received',
        body: ({ other, pet }) => `${other} has your request for a consultation about ${pet}. We will email you as soon as it is accepted.`,
        action: 'See the booking',
      },
      consultant: {
        subject: ({ other, pet }) => `New booking request: ${pet} with ${other}`,
        heading: 'A new booking request',
        body: ({ other, pet }) => `${other} asks for a consultation about ${pet}. Please accept or decline the request.`,
        action: 'Accept or decline',
      },
    },
    confirmed: {
      owner: {
        subject: ({ other }) => `Confirmed: your consultation with ${other}`,
        heading: 'Your consultation is confirmed',
        body: ({ other, pet }) => `${other} will see you and ${pet} at the time below. Join from the consultation page: it opens shortly before the start.`,
        action: 'Open the consultation',
      },
      consultant: {
        subject: ({ other, pet }) => `Confirmed: consultation about ${pet} with ${other}`,
        heading: 'A consultation is confirmed',
        body: ({ other, pet }) => `Your consultation with ${other} about ${pet} is confirmed for the time below.`,
        action: 'Open the consultation',
      },
    },
    declined: {
      owner: {
        subject: ({ other }) => `${other} could not accept your booking`,
        heading: 'Your booking request was declined',
        body: ({ other, pet }) => `${other} cannot take the consultation about ${pet} at the time below. You can book another time or another consultant.`,
        refund: (amount) => `You will get a full refund of ${amount}.`,
        action: 'Book another time',
      },
      consultant: {
        subject: ({ other, pet }) => `Declined: booking request about ${pet} from ${other}`,
        heading: 'You declined a booking request',
        body: ({ other, pet }) => `The request of ${other} for a consultation about ${pet} at the time below is declined.`,
        refund: (amount) => `They get a full refund of ${amount}.`,
        action: 'See the booking',
      },
    },
    cancelled: {
      owner: {
        subject: ({ other }) => `Cancelled: your consultation with ${other}`,
        heading: 'Your consultation is cancelled',
        body: ({ other, pet }) => `The consultation about ${pet} with ${other} at the time below is cancelled.`,
        refund: (amount) => `You will get a refund of ${amount}.`,
        noRefund: 'No refund follows: under the cancellation policy, a cancellation this close to the start is not refunded.',
        action: 'See the booking',
      },
      consultant: {
        subject: ({ other, pet }) => `Cancelled: consultation about ${pet} with ${other}`,
        heading: 'A consultation is cancelled',
        body: ({ other, pet }) => `The consultation about ${pet} with ${other} at the time below is cancelled. The time is free in your calendar again.`,
        refund: (amount) => `The owner will get a refund of ${amount}.`,
        noRefund: 'No refund follows under the cancellation policy.',
        action: 'See the booking',
      },
    },
    clinicSuspended: {
      subject: ({ other }) => `Cancelled: the clinic of ${other} can no longer hold your consultation`,
      heading: 'Your consultation is cancelled',
      body: ({ other, pet }) =>
        `The clinic of ${other} is no longer taking consultations on Vetmeet, ` +
        `so it cannot hold the consultation about ${pet} at the time below.`,
      refund: (amount) => `You will get a full refund of ${amount}.`,
      bookAnother: 'You can book another vet in the directory.',
      action: 'Find another vet',
    },
    rescheduled: {
      owner: {
        subject: ({ other }) => `New time for your consultation with ${other}`,
        heading: 'Your consultation has a new time',
        body: ({ other, pet }) => `The consultation about ${pet} with ${other} moved to the time below.`,
        action: 'Open the consultation',
      },
      consultant: {
        subject: ({ other, pet }) => `New time: consultation about ${pet} with ${other}`,
        heading: 'A consultation has a new time',
        body: ({ other, pet }) => `The consultation about ${pet} with ${other} moved to the time below.`,
        action: 'Open the consultation',
      },
    },
    refundIssued: {
      owner: {
        subject: (amount) => `Your refund of ${amount} is on its way`,
        heading: 'Your refund is on its way',
        body: (amount, { other, pet }) =>
          `We refunded ${amount} for the consultation about ${pet} with ${other}. Depending on your bank, it takes a few days to show on your statement.`,
        action: 'See the booking',
      },
      consultant: {
        subject: (amount) => `A refund of ${amount} was issued`,
        heading: 'A refund was issued',
        body: (amount, { other, pet }) => `${other} was refunded ${amount} for the consultation about ${pet}.`,
        action: 'See the booking',
      },
    },
    reminder: {
      owner: {
        subject: (startsIn) => `Reminder: your consultation starts in ${startsIn}`,
        heading: (startsIn) => `Your consultation starts in ${startsIn}`,
        body: ({ other, pet }) => `${other} will see you and ${pet} at the time below. Join from the consultation page: it opens shortly before the start.`,
        action: 'Open the consultation',
      },
      consultant: {
        subject: (startsIn) => `Reminder: a consultation starts in ${startsIn}`,
        heading: (startsIn) => `A consultation starts in ${startsIn}`,
        body: ({ other, pet }) => `Your consultation with ${other} about ${pet} is at the time below.`,
        action: 'Open the consultation',
      },
    },
    startsIn: (minutes) => {
      const [days, hours, rest] = [minutes / 1440, Math.floor(minutes / 60), minutes % 60];
      if (minutes > 1440 && Number.isInteger(days)) return plural(days, 'day', 'days');
      if (hours === 0) return plural(minutes, 'minute', 'minutes');
      return rest === 0 ? plural(hours, 'hour', 'hours') : `${plural(hours, 'hour', 'hours')} ${plural(rest, 'minute', 'minutes')}`;
    },
  },
};
