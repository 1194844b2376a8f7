import { ErrorCode, type PetView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

describe('pets and their records', () => {
  let testApp: TestApp;
  let owner: Client;
  let maria: SignedIn;
  let taras: SignedIn;
  const write = (who: SignedIn) => ({
    post: (path: string) => who.agent.post(path).set('X-CSRF-Token', who.session.csrfToken),
    patch: (path: string) => who.agent.patch(path).set('X-CSRF-Token', who.session.csrfToken),
    delete: (path: string) => who.agent.delete(path).set('X-CSRF-Token', who.session.csrfToken),
  });

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = new Client({ connectionString: testApp.database.url });
    await owner.connect();
    maria = await registerAndSignIn(testApp.baseUrl);
    taras = await registerAndSignIn(testApp.baseUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await testApp?.close();
  });

  it('lets an owner create, read, update, list and delete a pet, auditing each step', async () => {
    const created = await write(maria)
      .post('/api/pets')
      .send({ name: 'Barsik', species: 'cat', breed: 'Siberian', birthDate: '2021-04-02', sex: 'male', weightKg: 5.4, allergies: 'chicken', medicalHistory: 'Neutered 2022.' })
      .expect(201);
    const pet = created.body as PetView;
    expect(pet).toMatchObject({ name: 'Barsik', species: 'cat', weightKg: 5.4, sex: 'male', birthDate: '2021-04-02' });

    await maria.agent.get(`/api/pets/${pet.id}`).expect(200);
    const updated = await write(maria).patch(`/api/pets/${pet.id}`).send({ weightKg: 5.6, allergies: null }).expect(200);
    expect(updated.body).toMatchObject({ weightKg: 5.6, allergies: null, breed: 'Siberian' });
    expect((await maria.agent.get('/api/pets').expect(200)).body.map((item: PetView) => item.id)).toEqual([pet.id]);
    await write(maria).delete(`/api/pets/${pet.id}`).expect(204);
    await maria.agent.get(`/api/pets/${pet.id}`).expect(404);

    const actions = (await owner.query("SELECT action, outcome FROM audit_events WHERE entity_id = $1 ORDER BY chain_seq", [pet.id])).rows;
    expect(actions).toEqual([
      { action: 'pet.create', outcome: 'success' },
      { action: 'pet.read', outcome: 'success' },
      { action: 'pet.update', outcome: 'success' },
      { action: 'pet.delete', outcome: 'success' },
      { action: 'pet.read', outcome: 'denied' },
    ]);
    const logged = JSON.stringify((await owner.query('SELECT * FROM audit_events WHERE entity_id = $1', [pet.id])).rows);
    expect(logged).not.toMatch(/Barsik|chicken|Neutered/);
  });

  it("hides another owner's pet: reading, changing and deleting it all say not found and change nothing", async () => {
    const tarasPet = (await write(taras).post('/api/pets').send({ name: 'Rex', species: 'dog' }).expect(201)).body as PetView;
    expect((await maria.agent.get(`/api/pets/${tarasPet.id}`).expect(404)).body.code).toBe(ErrorCode.NotFound);
    expect((await write(maria).patch(`/api/pets/${tarasPet.id}`).send({ name: 'Mine now' }).expect(404)).body.code).toBe(ErrorCode.NotFound);
    expect((await write(maria).delete(`/api/pets/${tarasPet.id}`).expect(404)).body.code).toBe(ErrorCode.NotFound);
    expect((await maria.agent.get('/api/pets').expect(200)).body).toEqual([]);
    expect((await owner.query('SELECT name, owner_id FROM pets WHERE id = $1', [tarasPet.id])).rows).toEqual([{ name: 'Rex', owner_id: taras.session.account.id }]);
    const denials = (await owner.query("SELECT actor_user_id FROM audit_events WHERE entity_id = $1 AND outcome = 'denied'", [tarasPet.id])).rows;
    expect(denials).toHaveLength(3);
    expect(denials.every((row) => row.actor_user_id === maria.session.account.id)).toBe(true);
  });

  it.each([
    ['an owner id (mass assignment)', { name: 'Rex', species: 'dog', ownerId: '00000000-0000-4000-8000-000000000000' }],
    ['a missing species', { name: 'Rex' }],
    ['a negative weight', { name: 'Rex', species: 'dog', weightKg: -3 }],
    ['an impossible birth date', { name: 'Rex', species: 'dog', birthDate: '2021-02-30' }],
    ['an unknown sex', { name: 'Rex', species: 'dog', sex: 'yes' }],
    ['a name of 81 characters', { name: 'x'.repeat(81), species: 'dog' }],
  ])('refuses %s with VALIDATION_FAILED and stores nothing', async (_, body) => {
    const before = (await owner.query('SELECT count(*)::int AS count FROM pets')).rows[0].count;
    const response = await write(maria).post('/api/pets').send(body).expect(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
    expect((await owner.query('SELECT count(*)::int AS count FROM pets')).rows[0].count).toBe(before);
  });

  it('refuses a malformed pet id with VALIDATION_FAILED', async () => {
    expect((await maria.agent.get('/api/pets/not-a-uuid').expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
  });
});
