import { randomUUID } from 'node:crypto';
import { ErrorCode, type ConsultationView } from '@vetmeet/contracts';
import { ConsultationRoomAccess } from '../../apps/api/src/consultations/consultation-room-access';
import { insertInvitation } from '../../apps/api/src/consultations/consultation-invitations';
import { DatabaseContext } from '../../apps/api/src/database/database-context';
import {
  createConsultationFor,
  invite,
  newestInvitationOf,
  setConsultationStatus,
  type ConsultationFixture,
} from '../support/consultations';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import { signedInOperator, type SignedInOperator } from '../support/operators';

const refusal = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);

/**
 * A suspended clinic makes no new consultation of any kind: no on-demand invitation (the service
 * answers CLINIC_STATE, the database's insert policy refuses it too), its waiting invitations
 * expire, its accepted on-demand consultations are cancelled and its rooms refuse everyone.
 */
describe("a suspended clinic's consultations", () => {
  let world: MailTestApp;
  let operator: SignedInOperator;
  let people: ConsultationFixture;
  let waitingInvitation: string;

  const consultationOf = async (id: string) =>
    (await people.owner.agent.get(`/api/consultations/${id}`).expect(200)).body as ConsultationView;
  const inviteAgain = () =>
    people.consultant.agent
      .post(`/api/clinics/${people.clinicId}/consultations`)
      .set(people.consultant.inClinic)
      .send({ ownerEmail: people.owner.email, petName: people.pet.name, durationMinutes: 30 });

  beforeAll(async () => {
    world = await startMailTestApp({ TRUST_PROXY: 'loopback' });
    operator = await signedInOperator(world.testApp);
    people = await createConsultationFor(world.testApp);
    await invite(people, { startsAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    waitingInvitation = await newestInvitationOf(people.owner);
    await operator.agent
      .post(`/api/operator/clinics/${people.clinicId}/suspend`)
      .set(operator.csrf)
      .send({ reason: 'Licence lapsed.' })
      .expect(200);
  });
  afterAll(() => world?.close());

  it('refuses a new on-demand invitation with CLINIC_STATE', async () => {
    const response = await inviteAgain().expect(409);
    expect(response.body.code).toBe(ErrorCode.ClinicState);
  });

  it("refuses the invitation in the database too, whatever the service checked", async () => {
    const db = world.testApp.app.get(DatabaseContext);
    const consultant = { userId: people.consultant.userId, clinicId: people.clinicId };
    const startsAt = new Date(Date.now() + 60 * 60_000);
    const draft = {
      id: randomUUID(),
      clinicId: people.clinicId,
      consultantId: people.consultant.userId,
      ownerId: people.owner.userId,
      petId: people.pet.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      reason: null,
    };
    const inserted = db.runAs(consultant, (manager) => insertInvitation(manager, draft));
    await expect(inserted).rejects.toMatchObject({ code: '42501' });
  });

  it('expires the waiting invitation and cancels the accepted consultation', async () => {
    expect((await consultationOf(waitingInvitation)).status).toBe('expired');
    expect((await consultationOf(people.consultationId)).status).toBe('cancelled');
    const answer = people.owner.agent.post(`/api/consultations/${waitingInvitation}/accept`).set(people.owner.csrf);
    expect((await answer.expect(409)).body.code).toBe(ErrorCode.ConsultationState);
  });

  it("closes the clinic's rooms, even to a consultation left scheduled", async () => {
    await setConsultationStatus(world.testApp.database.url, people.consultationId, 'scheduled');
    const rooms = world.testApp.app.get(ConsultationRoomAccess);
    for (const person of [people.owner, people.consultant]) {
      const actor = { userId: person.userId, sessionId: 'socket-session', clinicId: null, roles: [] };
      expect(await refusal(rooms.checkJoin(actor, people.consultationId, undefined))).toBe(ErrorCode.ClinicState);
    }
  });
});
