import type { ParsedMail } from 'mailparser';
import { DevMailbox } from './dev-mailbox';

const parsed = (subject: string) => ({ subject, text: `body of ${subject}`, html: false, attachments: [] }) as unknown as ParsedMail;

describe(DevMailbox.name, () => {
  it('lists messages newest first', () => {
    const mailbox = new DevMailbox();
    mailbox.add(parsed('first'), { from: 'a@x.test', to: ['b@x.test'] });
    mailbox.add(parsed('second'), { from: 'a@x.test', to: ['b@x.test'] });
    expect(mailbox.list().map((message) => message.subject)).toEqual(['second', 'first']);
    expect(mailbox.list()[0]).toMatchObject({ text: 'body of second', html: undefined, envelope: { to: ['b@x.test'] } });
  });

  it(`keeps only the last ${DevMailbox.CAPACITY}`, () => {
    const mailbox = new DevMailbox();
    for (let index = 1; index <= DevMailbox.CAPACITY + 5; index += 1) mailbox.add(parsed(`message ${index}`), { from: '', to: [] });
    const subjects = mailbox.list().map((message) => message.subject);
    expect(subjects).toHaveLength(DevMailbox.CAPACITY);
    expect(subjects[0]).toBe(`message ${DevMailbox.CAPACITY + 5}`);
    expect(subjects.at(-1)).toBe('message 6');
  });
});
