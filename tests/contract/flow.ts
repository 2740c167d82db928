// A full programme, from the HR import to a signed reciprocity pact, written against the client that
// openapi-typescript generates from src/Reciproca.Web/openapi/v1.json (schema.d.ts, see package.json).
// It is only type-checked (`tsc --strict --noEmit`, .ci/check-client), never run: it compiles exactly when every
// operation it uses declares its request and its success response with schemas. No casts, no `any`, no `!`:
// openapi-fetch answers `data` or `error`, and `expect` turns a missing `data` into an exception.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
export type Api = Client<paths>;

export function connect(baseUrl: string, token: string): Api {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

/**
 * What `expect` answers for an operation whose success response declares no body schema (openapi-fetch then types
 * `data` as `never` or `undefined`): using any field of it fails to compile, naming the operation's line.
 */
interface UntypedSuccessResponse {
  readonly declareTheSuccessResponseSchema: true;
}
type Body<T> = [Exclude<T, undefined>] extends [never] ? UntypedSuccessResponse : Exclude<T, undefined>;

/** The body of a success, or an exception with the status and the problem details. */
function expect<T>(result: { data?: T; error?: unknown; response: Response }, what: string): Body<T>;
function expect(result: { data?: unknown; error?: unknown; response: Response }, what: string): unknown {
  if (result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** The entity tag to send back in If-Match: the `ETag` header, else the version in the body, quoted. */
function ifMatch(response: Response, version: string): string {
  return response.headers.get("ETag") ?? `"${version}"`;
}

function first<T>(items: readonly T[], what: string): T {
  const item = items[0];
  if (item === undefined) {
    throw new Error(`${what}: empty`);
  }
  return item;
}

export interface Participants {
  /** A client signed in as the person with this directory id (each partner answers for themselves). */
  as(personId: string): Api;
}

export async function programmeFlow(hr: Api, people: Participants, csv: Blob): Promise<Schemas["PactView"]> {
  // 1. Import the directory from the HR export: multipart with the file, the column mapping, the file's culture
  //    and the date that ages refer to. All or nothing; 422 would list the rejected rows.
  const mapping: Record<string, string> = {
    externalId: "Matricola",
    givenName: "Nome",
    familyName: "Cognome",
    birthDate: "Data di nascita",
    department: "Reparto",
    languages: "Lingue",
  };
  const imported = expect(
    await hr.POST("/api/v1/people/import", {
      params: { query: { dryRun: false } },
      body: { file: "anagrafica.csv", mapping: JSON.stringify(mapping), culture: "it-IT", ageReferenceDate: "2026-01-01" },
      bodySerializer(body) {
        const form = new FormData();
        form.append("file", csv, body.file);
        form.append("mapping", body.mapping);
        if (body.culture) form.append("culture", body.culture);
        if (body.ageReferenceDate) form.append("ageReferenceDate", body.ageReferenceDate);
        return form;
      },
    }),
    "import people",
  );
  if (imported.rejected > 0 || imported.errors.length > 0) {
    throw new Error(`import: ${imported.errors.map((e) => `row ${e.row} ${e.column ?? ""}: ${e.message}`).join("; ")}`);
  }
  console.log(`imported ${imported.created} new, ${imported.updated} updated, ${imported.unchanged} unchanged`);

  // 2. Read a page of the directory: every list is { total, page, pageSize, items }.
  const directory = expect(
    await hr.GET("/api/v1/people", { params: { query: { page: 1, pageSize: 50, department: "Produzione" } } }),
    "list people",
  );
  const personIds: string[] = directory.items.map((person) => person.id);
  console.log(`${directory.total} people in Produzione, page ${directory.page} of size ${directory.pageSize}`);

  // 3. Design the programme: 201 with Location and the programme (its version is the ETag).
  const created = await hr.POST("/api/v1/programmes", {
    body: {
      name: "Digitale Insieme",
      description: "Reverse mentoring across the plants",
      startsOn: "2026-02-01",
      endsOn: "2026-05-31",
      plannedSessions: 6,
      cadenceWeeks: 2,
      rules: {
        reportingLineDepth: 2,
        otherDepartmentWeight: 10,
        otherLocationWeight: 5,
        minimumScore: 0,
        experienceMentorCapacity: 1,
        digitalMentorCapacity: 1,
        requireCommonLanguage: true,
      },
      assessDigital: true,
      assessExperience: true,
      openForApplications: false,
    },
  });
  const programme = expect(created, "create programme");
  console.log(`programme at ${created.response.headers.get("Location") ?? "?"}, status ${programme.status}`);

  // An edit sends the version it read (a stale one is 412, a missing one 428) and gets the new version back.
  const updated = await hr.PUT("/api/v1/programmes/{id}", {
    params: { path: { id: programme.id }, header: { "If-Match": ifMatch(created.response, programme.version) } },
    body: {
      name: programme.name,
      description: "Reverse mentoring across the plants and the offices",
      startsOn: programme.startsOn,
      endsOn: programme.endsOn,
      plannedSessions: programme.plannedSessions,
      cadenceWeeks: programme.cadenceWeeks,
      rules: programme.rules,
      assessDigital: programme.assessDigital,
      assessExperience: programme.assessExperience,
      openForApplications: programme.openForApplications,
    },
  });
  const edited = expect(updated, "update programme");
  console.log(`programme version ${edited.version}`);
  const id = edited.id;

  // 4. Enrol the people of the page, all or none, then read the cohort.
  const enrolled = expect(
    await hr.POST("/api/v1/programmes/{id}/participants", { params: { path: { id } }, body: { personIds } }),
    "enrol",
  );
  // A command answers the collection it changed, whole (a GET pages it).
  console.log(`${enrolled.length} enrolled`);
  const cohort = expect(
    await hr.GET("/api/v1/programmes/{id}/participants", { params: { path: { id } } }),
    "list participants",
  );
  const participants: Schemas["ParticipantView"][] = cohort.items;

  // 5. Each participant submits their DigComp self-assessment; HR may set the side.
  for (const [index, participant] of participants.entries()) {
    const young = (participant.birthYear ?? 1970) >= 1990;
    const submitted = expect(
      await people.as(participant.personId).PUT("/api/v1/programmes/{id}/participants/{personId}/assessment", {
        params: { path: { id, personId: participant.personId } },
        body: {
          digital: young ? { "2.4": 6, "3.1": 5, "4.2": 6 } : { "2.4": 2, "3.1": 1, "4.2": 2 },
          wantedCompetences: young ? [] : ["2.4", "3.1"],
          offeredTopics: young ? [] : ["leadership", "problem-solving"],
          wantedTopics: young ? ["leadership"] : [],
          languages: ["it"],
          availability: "Tuesday mornings",
          side: index === 0 ? "DigitalMentor" : null,
        },
      }),
      "submit assessment",
    );
    console.log(`${participant.displayName}: proposed ${submitted.proposedSide ?? "-"}, submitted ${submitted.submittedUtc}`);
  }

  // 6. Run matching: 201 with the draft, its proposals and the unmatched.
  const run = expect(await hr.POST("/api/v1/programmes/{id}/matching-runs", { params: { path: { id } } }), "run matching");
  const proposal: Schemas["ProposalView"] = first(run.proposals, "proposals");
  console.log(`run ${run.id}: objective ${run.objective}, verified ${run.verified}, ${run.unmatched.length} unmatched`);

  // 7. Explain a pair (any pair of the pool, proposed or not).
  const why = expect(
    await hr.GET("/api/v1/programmes/{id}/matching-runs/{runId}/pairs/{digitalMentorId}/{experienceMentorId}", {
      params: {
        path: { id, runId: run.id, digitalMentorId: proposal.digitalMentorId, experienceMentorId: proposal.experienceMentorId },
      },
    }),
    "explain pair",
  );
  console.log(`allowed ${why.allowed}, score ${why.score} (${why.explanation.benefitToSenior} + ${why.explanation.benefitToJunior})`);

  // 8. Review: lock the first proposal, exclude another pair of the pool, run again (locks hold).
  const locked = expect(
    await hr.PUT("/api/v1/programmes/{id}/matching-constraints", {
      params: { path: { id } },
      body: { digitalMentorId: proposal.digitalMentorId, experienceMentorId: proposal.experienceMentorId, kind: "Lock" },
    }),
    "lock",
  );
  const other = run.proposals[1];
  if (other) {
    expect(
      await hr.PUT("/api/v1/programmes/{id}/matching-constraints", {
        params: { path: { id } },
        body: { digitalMentorId: proposal.digitalMentorId, experienceMentorId: other.experienceMentorId, kind: "Exclude" },
      }),
      "exclude",
    );
  }
  console.log(`${locked.length} constraints: ${locked.map((c) => c.kind).join(", ")}`);
  const rerun = expect(await hr.POST("/api/v1/programmes/{id}/matching-runs", { params: { path: { id } } }), "run again");

  // 9. Publish the current draft.
  const published = expect(
    await hr.POST("/api/v1/programmes/{id}/matching-runs/{runId}/publish", { params: { path: { id, runId: rerun.id } } }),
    "publish",
  );
  console.log(`${published.published} pairs published`);

  // 10. List the pairs (HR sees all of them).
  const pairs = expect(
    await hr.GET("/api/v1/programmes/{id}/pairs", { params: { path: { id }, query: { page: 1, pageSize: 25 } } }),
    "list pairs",
  );
  const pair: Schemas["PairView"] = first(pairs.items, "pairs");
  console.log(`${pairs.total} pairs; ${pair.digitalMentorName} with ${pair.experienceMentorName}: ${pair.state}`);

  // 11. Both partners accept.
  const digital = people.as(pair.digitalMentorId);
  const experience = people.as(pair.experienceMentorId);
  for (const partner of [digital, experience]) {
    const accepted = expect(
      await partner.POST("/api/v1/programmes/{id}/pairs/{pairId}/accept", { params: { path: { id, pairId: pair.id } } }),
      "accept",
    );
    console.log(`pair ${accepted.id}: ${accepted.state}`);
  }

  // 12. Write the pact: a goal each way, the cadence, the charter.
  const written = await digital.PUT("/api/v1/programmes/{id}/pairs/{pairId}/pact", {
    params: { path: { id, pairId: pair.id } },
    body: {
      goals: [
        { direction: "DigitalToExperience", text: "Run a video call with the suppliers alone", tags: ["2.4"], target: "by April" },
        { direction: "ExperienceToDigital", text: "Prepare a negotiation with a supplier", tags: ["negotiation"], target: null },
      ],
      cadenceSessions: 6,
      cadenceWeeks: 12,
      confidentialityAccepted: true,
    },
  });
  const pact = expect(written, "write pact");
  console.log(`pact ${pact.number}, version ${pact.version}, ${pact.goals.length} goals`);

  // 13. Both sign the version they read (If-Match); each signature answers the new version.
  const signedOnce = await digital.POST("/api/v1/programmes/{id}/pairs/{pairId}/pact/sign", {
    params: { path: { id, pairId: pair.id }, header: { "If-Match": ifMatch(written.response, pact.version) } },
  });
  const half = expect(signedOnce, "sign (digital mentor)");
  const signed = expect(
    await experience.POST("/api/v1/programmes/{id}/pairs/{pairId}/pact/sign", {
      params: { path: { id, pairId: pair.id }, header: { "If-Match": ifMatch(signedOnce.response, half.version) } },
    }),
    "sign (experience mentor)",
  );
  if (!signed.digitalMentorSigned || !signed.experienceMentorSigned) {
    throw new Error("the pact is not signed by both");
  }
  return signed;
}
