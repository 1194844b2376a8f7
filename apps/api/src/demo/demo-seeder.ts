import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConsultantProfilePayload } from '@vetmeet/contracts';
import { ClinicProfilesService } from '../clinic-profiles/clinic-profiles.service';
import { AppConfig } from '../config/app-config';
import { loggableError } from '../common/errors/loggable-error';
import { RequestContext } from '../common/request/request-context';
import { ConsultantDirectoryService } from '../consultants/consultant-directory.service';
import { ConsultantPhotosService } from '../consultants/consultant-photos.service';
import { ConsultantProfilesService } from '../consultants/consultant-profiles.service';
import { InvitationsService } from '../invitations/invitations.service';
import { PetsService } from '../pets/pets.service';
import { DEMO_OFFERINGS, demoAvailability } from './demo-availability';
import {
  DEMO_CLINIC_ADDRESS,
  DEMO_CLINIC_COUNTRY,
  DEMO_CLINIC_LEGAL_ENTITY,
  DEMO_CLINIC_NAME,
  DEMO_CLINIC_TIME_ZONE,
  DEMO_CONSULTANT_PROFILES,
  DEMO_PEOPLE,
  DEMO_PET,
  demoPerson,
  type DemoAccountKey,
} from './demo-cast';
import { DemoClinicFounder } from './demo-clinic-founder';
import { loadDemoPasswords, loadOrCreateDemoPasswords, type DemoPasswords } from './demo-passwords';
import { DemoPeople, type DemoActor } from './demo-people';
import { demoPhotoPng } from './demo-photo';
import { DemoSeedRecords } from './demo-seed-records';
import { DemoSignIns } from './demo-sign-ins';
import { multipartFileRequest } from './demo-upload';

/**
 * Seeds the development demo when the app starts on an empty database, through the services
 * the API uses, so it stays right as the schema moves. The rule for "empty": the directory
 * lists no consultant and no account has the demo owner's address. Under a database-wide lock,
 * so of two nodes starting at once one seeds and the other finds the demo made.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly records: DemoSeedRecords,
    private readonly people: DemoPeople,
    private readonly founder: DemoClinicFounder,
    private readonly clinicProfiles: ClinicProfilesService,
    private readonly invitations: InvitationsService,
    private readonly profiles: ConsultantProfilesService,
    private readonly photos: ConsultantPhotosService,
    private readonly directory: ConsultantDirectoryService,
    private readonly pets: PetsService,
    private readonly signIns: DemoSignIns,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let outcome: Awaited<ReturnType<DemoSeeder['seedIfEmpty']>>;
    try {
      outcome = await this.records.whileLocked(() => this.seedIfEmpty());
    } catch (error) {
      // Demo data is a convenience: the app starts without it, and the log says how to start over.
      const advice = 'demo: seeding failed; start on a fresh DATA_DIR or with DEMO_DATA=off';
      this.logger.error({ err: loggableError(error) }, advice);
      return;
    }
    if (outcome === 'not-empty') {
      this.logger.log('demo: the database already has data, so no demo was seeded (DEMO_DATA=off hides this line)');
      return;
    }
    this.logger.log(
      outcome === 'seeded'
        ? 'demo: seeded Demo clinic, its consultants, a pet owner and an operator'
        : 'demo: Demo clinic is here from an earlier start',
    );
    // Demo data, not personal data: made-up people whose passwords exist to be shown.
    if (this.signIns.list().length === 0) this.logger.warn('demo: its passwords are in the DATA_DIR that seeded it');
    for (const { label, email, password } of this.signIns.list()) {
      this.logger.log(`demo sign-in: ${label}: ${email} / ${password}`);
    }
  }

  private async seedIfEmpty(): Promise<'seeded' | 'found' | 'not-empty'> {
    // The owner is registered last, so a seed that failed part way does not count as made.
    if (await this.records.accountExists(demoPerson('owner').email)) {
      const passwords = loadDemoPasswords(this.config.DATA_DIR);
      if (isComplete(passwords)) this.signIns.remember(passwords);
      return 'found';
    }
    const { items } = await this.directory.directory({ limit: 1 });
    if (items.length > 0) return 'not-empty';
    const passwords = loadOrCreateDemoPasswords(this.config.DATA_DIR);
    await this.seed(passwords);
    this.signIns.remember(passwords);
    return 'seeded';
  }

  private async seed(passwords: DemoPasswords): Promise<void> {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const registered = new Map<DemoAccountKey, DemoActor>();
    const register = async (key: DemoAccountKey) =>
      registered.set(key, await this.people.register(demoPerson(key), passwords[key], timeZone));
    for (const { key } of DEMO_PEOPLE) if (key !== 'owner') await register(key);
    const get = (key: DemoAccountKey) => registered.get(key) as DemoActor;

    const operator = get('operator');
    await this.founder.grantOperator(operator.person.email);
    const admin = get('clinicAdmin');
    const details = {
      name: DEMO_CLINIC_NAME,
      legalEntity: DEMO_CLINIC_LEGAL_ENTITY,
      country: DEMO_CLINIC_COUNTRY,
      timeZone: DEMO_CLINIC_TIME_ZONE,
      contactName: admin.person.displayName,
      contactEmail: admin.person.email,
    };
    const { clinicId } = await as(admin, () => this.founder.foundApprovedClinic(admin, details, operator.actor));
    const adminInClinic = this.people.inClinic(admin, clinicId, ['clinic_admin']);
    await as(adminInClinic, () =>
      this.clinicProfiles.put(adminInClinic.actor, clinicId, {
        name: DEMO_CLINIC_NAME,
        address: DEMO_CLINIC_ADDRESS,
        defaultCurrency: 'EUR',
        timeZone: DEMO_CLINIC_TIME_ZONE,
        directory: { showLogo: false, address: 'city' },
      }),
    );
    for (const key of ['vetAna', 'vetBen'] as const) {
      const vet = get(key);
      const invitation = { email: vet.person.email, role: 'consultant' as const };
      const { token } = await as(adminInClinic, () =>
        this.invitations.inviteWithoutMail(adminInClinic.actor, clinicId, invitation),
      );
      await as(vet, () => this.invitations.accept(vet.actor, token));
      await this.publishConsultant(this.people.inClinic(vet, clinicId, ['consultant']), key, timeZone);
    }
    await register('owner');
    const owner = get('owner');
    await as(owner, () => this.pets.create(owner.actor, DEMO_PET));
    for (const demo of registered.values()) await this.people.signOut(demo);
  }

  /** The consultant's own flow: profile, availability, photo, then published. */
  private async publishConsultant(vet: DemoActor, key: 'vetAna' | 'vetBen', timeZone: string): Promise<void> {
    const { actor } = vet;
    const clinicId = actor.clinicId as string;
    const { colour, ...about } = DEMO_CONSULTANT_PROFILES[key];
    const profile: ConsultantProfilePayload = {
      displayName: vet.person.displayName,
      ...about,
      timeZone,
      priceCurrency: 'EUR',
      offerings: DEMO_OFFERINGS,
      autoAccept: false,
      published: false,
    };
    await as(vet, async () => {
      await this.profiles.putProfile(actor, clinicId, profile);
      await this.profiles.putAvailability(actor, clinicId, demoAvailability());
      const photo = { name: `${key}.png`, contentType: 'image/png', body: demoPhotoPng(colour) };
      await this.photos.upload(actor, clinicId, multipartFileRequest(photo));
      await this.profiles.putProfile(actor, clinicId, { ...profile, published: true });
    });
  }
}

const isComplete = (passwords: Partial<DemoPasswords> | undefined): passwords is DemoPasswords =>
  passwords !== undefined && DEMO_PEOPLE.every(({ key }) => typeof passwords[key] === 'string');

/** Runs a service call as a request of this demo person would: audit events name them. */
function as<T>(demo: DemoActor, work: () => Promise<T>): Promise<T> {
  return RequestContext.run({ requestId: 'demo-seed', ip: null, actor: demo.actor }, work);
}
