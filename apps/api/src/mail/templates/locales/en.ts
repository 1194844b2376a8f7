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
  passwordChanged: {
    subject: 'Your Vetmeet password was changed',
    heading: 'Your password was changed',
    body: (when) => `The password of your Vetmeet account was changed on ${when}.`,
    notYou: 'If you did not change it, someone else may know your password: reset it now.',
    action: 'Reset your password',
  },
};
