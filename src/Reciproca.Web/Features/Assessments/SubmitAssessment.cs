using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Assessments;

/// <summary>
/// The body of <c>PUT …/participants/{personId}/assessment</c>. <see cref="Digital"/> maps a DigComp competence id
/// (1.1 … 5.4) to a level 1-8; <see cref="Languages"/> are ISO 639-1 codes ("it", "en"); <see cref="Side"/> is HR's
/// override and is refused from the participant. <see cref="Submit"/>: <c>false</c> saves a draft; <c>true</c>
/// submits, and an incomplete assessment is then refused listing what is missing; left out, the assessment is
/// submitted when it is complete and saved as a draft otherwise (what clients written before drafts get).
/// </summary>
public sealed record SubmitAssessment(
    IReadOnlyDictionary<string, int>? Digital,
    IReadOnlyList<string>? WantedCompetences,
    IReadOnlyList<string>? OfferedTopics,
    IReadOnlyList<string>? WantedTopics,
    IReadOnlyList<string>? Languages,
    string? Availability = null,
    Side? Side = null,
    bool? Submit = null);

public sealed record AssessmentView(
    Guid ParticipantId,
    IReadOnlyDictionary<string, int> Digital,
    IReadOnlyList<string> WantedCompetences,
    IReadOnlyList<string> OfferedTopics,
    IReadOnlyList<string> WantedTopics,
    IReadOnlyList<string> Languages,
    string Availability,
    Side? ProposedSide,
    Side? Side,
    DateTime? SubmittedUtc,
    AssessmentStatus Status,
    IReadOnlyList<MissingItem> Missing);

/// <summary>
/// Stores (or replaces) a participant's self-assessment, as a draft or submitted, and proposes their side from it.
/// Only a submitted one marks the participant as assessed (<see cref="Participant.AssessedUtc"/>), which is what the
/// cohort counts, the reminders and the to-do lists read, and only submitted ones enter the matching pool.
/// </summary>
public sealed class SubmitAssessmentHandler(AppDbContext db, ProgrammeAccess access, DigCompCatalogue digComp, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxLanguages = 20;

    public const int MaxTopics = 50;

    public async Task<Result<AssessmentView>> HandleAsync(Guid programmeId, Guid personId, SubmitAssessment command, Actor actor, CancellationToken cancellationToken)
    {
        if (!await access.CanViewAsync(actor, programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        var manager = await access.CanManageAsync(actor, programmeId, cancellationToken);
        if (!manager && actor.PersonId != personId)
        {
            return Problem.Forbidden(localizer["Assessment.OnlyOwn"]);
        }

        var participant = await db.Participants.SingleOrDefaultAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId && p.Status == ParticipantStatus.Enrolled, cancellationToken);
        if (participant is null)
        {
            return Problem.NotFound(localizer["Assessment.NotEnrolled"]);
        }

        var errors = await ValidateAsync(command, manager, cancellationToken);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var culture = CultureInfo.CurrentUICulture;
        var missing = AssessmentCompleteness.Missing(digComp, command.Digital?.Keys ?? [],
            Distinct(command.WantedCompetences).Count + Distinct(command.OfferedTopics).Count + Distinct(command.WantedTopics).Count,
            Distinct(command.Languages).Count, localizer, culture);
        if (command.Submit == true && missing.Count > 0)
        {
            // Nothing is stored: the client asked to submit, and a silent draft would look like success.
            return Problem.Validation(new Dictionary<string, string[]> { ["missing"] = [.. missing.Select(m => m.Name)] });
        }

        var submitted = command.Submit != false && missing.Count == 0;
        var assessment = await db.Assessments.Include(a => a.Levels).SingleOrDefaultAsync(a => a.ParticipantId == participant.Id, cancellationToken);
        if (assessment is null)
        {
            assessment = new Assessment { ParticipantId = participant.Id };
            db.Assessments.Add(assessment);
        }

        assessment.Levels.Clear();
        assessment.Levels.AddRange((command.Digital ?? new Dictionary<string, int>()).Select(d => new AssessmentLevel { AssessmentId = assessment.Id, CompetenceId = d.Key, Level = d.Value }));
        assessment.WantedCompetences = Distinct(command.WantedCompetences);
        assessment.OfferedTopics = Distinct(command.OfferedTopics);
        assessment.WantedTopics = Distinct(command.WantedTopics);
        assessment.Languages = [.. Distinct(command.Languages).Select(l => l.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
        assessment.Availability = command.Availability?.Trim() ?? "";
        assessment.SubmittedUtc = submitted ? time.GetUtcNow().UtcDateTime : null;
        assessment.Version = Guid.NewGuid();

        participant.ProposedSide = SideProposal.From(assessment);
        participant.AssessedUtc = assessment.SubmittedUtc;
        if (manager && command.Side is { } side)
        {
            participant.SideOverride = side == participant.ProposedSide ? null : side;
        }

        participant.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        return ToView(assessment, participant, missing);
    }

    /// <summary>A participant's assessment: for the programme's managers and for the person themself.</summary>
    public async Task<Result<AssessmentView>> GetAsync(Guid programmeId, Guid personId, Actor actor, CancellationToken cancellationToken)
    {
        var allowed = actor.PersonId == personId || await access.CanManageAsync(actor, programmeId, cancellationToken);
        var participant = allowed ? await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId, cancellationToken) : null;
        var assessment = participant is null ? null : await db.Assessments.AsNoTracking().Include(a => a.Levels).SingleOrDefaultAsync(a => a.ParticipantId == participant.Id, cancellationToken);
        if (assessment is null)
        {
            return Problem.NotFound(localizer["Assessment.NotFound"]);
        }

        // Stored before languages were chosen from a list: shown as the codes they map to (see LanguageCatalogue).
        assessment.Languages = LanguageCatalogue.Normalise(assessment.Languages);
        return ToView(assessment, participant!, AssessmentCompleteness.Missing(assessment, digComp, localizer, CultureInfo.CurrentUICulture));
    }

    /// <summary>Whether the participant has saved an assessment that is not submitted.</summary>
    public Task<bool> HasDraftAsync(Guid participantId, CancellationToken cancellationToken) =>
        db.Assessments.AnyAsync(a => a.ParticipantId == participantId && a.SubmittedUtc == null, cancellationToken);

    public static AssessmentView ToView(Assessment assessment, Participant participant, IReadOnlyList<MissingItem> missing) => new(
        participant.Id,
        assessment.Levels.OrderBy(l => l.CompetenceId, StringComparer.Ordinal).ToDictionary(l => l.CompetenceId, l => l.Level),
        assessment.WantedCompetences, assessment.OfferedTopics, assessment.WantedTopics, assessment.Languages, assessment.Availability,
        participant.ProposedSide, participant.Side, assessment.SubmittedUtc, assessment.Status, missing);

    private async Task<Dictionary<string, string[]>> ValidateAsync(SubmitAssessment command, bool manager, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckBounds(command, errors);
        if (errors.Count > 0)
        {
            // Nothing further is read from lists this long or with holes in them.
            return errors;
        }

        var badCompetences = (command.Digital?.Keys ?? []).Concat(command.WantedCompetences ?? []).Where(id => !digComp.IsCompetence(id)).Distinct().ToList();
        if (badCompetences.Count > 0)
        {
            errors["digital"] = [localizer["Assessment.UnknownCompetence", string.Join(", ", badCompetences)]];
        }

        var badLevels = (command.Digital ?? new Dictionary<string, int>()).Where(d => d.Value is < DigCompCatalogue.MinLevel or > DigCompCatalogue.MaxLevel).Select(d => d.Key).ToList();
        if (badLevels.Count > 0)
        {
            errors["digital.level"] = [localizer["Assessment.LevelRange", string.Join(", ", badLevels)]];
        }

        var topics = (command.OfferedTopics ?? []).Concat(command.WantedTopics ?? []).Distinct().ToList();
        var knownTopics = await db.ExperienceTopics.Where(t => topics.Contains(t.Key) && !t.Archived).Select(t => t.Key).ToListAsync(cancellationToken);
        var badTopics = topics.Except(knownTopics).ToList();
        if (badTopics.Count > 0)
        {
            errors["topics"] = [localizer["Assessment.UnknownTopic", string.Join(", ", badTopics)]];
        }

        InputText.Check(errors, "languages", command.Languages, localizer);
        if (!errors.ContainsKey("languages"))
        {
            var badLanguages = (command.Languages ?? []).Where(l => !LanguageCatalogue.IsCode(l.Trim().ToLowerInvariant())).Distinct().ToList();
            if (badLanguages.Count > 0)
            {
                errors["languages"] = [localizer["Assessment.UnknownLanguage", string.Join(", ", badLanguages.Select(l => $"\"{l}\""))]];
            }
        }

        if ((command.Availability ?? "").Length > 1000)
        {
            errors["availability"] = [localizer["Programme.DescriptionTooLong"]];
        }

        InputText.Check(errors, "availability", command.Availability, localizer, multiLine: true);
        if (command.Side is not null && !manager)
        {
            errors["side"] = [localizer["Assessment.SideIsHr"]];
        }
        else if (command.Side is { } side)
        {
            EnumInput.Check(errors, "side", side, localizer);
        }

        return errors;
    }

    /// <summary>
    /// No list is longer than what a person can mean (the 21 competences once each, a few languages), and no item
    /// is missing: a body of 20,000 languages is refused before anything is looked up.
    /// </summary>
    private void CheckBounds(SubmitAssessment command, Dictionary<string, string[]> errors)
    {
        void Bound<T>(string field, IReadOnlyCollection<T?>? values, int max)
        {
            if (values is null)
            {
                return;
            }

            if (values.Count > max)
            {
                errors[field] = [localizer["Input.TooMany", max]];
            }
            else if (values.Any(v => v is null))
            {
                errors[field] = [localizer["Input.MissingItem"]];
            }
        }

        Bound("digital", command.Digital?.Keys.ToList(), digComp.CompetenceIds.Count);
        Bound("wantedCompetences", command.WantedCompetences, digComp.CompetenceIds.Count);
        Bound("offeredTopics", command.OfferedTopics, MaxTopics);
        Bound("wantedTopics", command.WantedTopics, MaxTopics);
        Bound("languages", command.Languages, MaxLanguages);
    }

    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        [.. (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// Proposes a side from what the person asks to learn and their own levels, never from age: who wants digital
/// competences is an experience mentor; who wants experience topics is a digital mentor; otherwise the mean
/// DigComp level decides (5, the start of "Advanced", and above: digital mentor). HR can override.
/// </summary>
public static class SideProposal
{
    public static Side? From(Assessment assessment)
    {
        var wantsDigital = assessment.WantedCompetences.Count;
        var wantsExperience = assessment.WantedTopics.Count;
        if (wantsDigital != wantsExperience)
        {
            return wantsDigital > wantsExperience ? Side.ExperienceMentor : Side.DigitalMentor;
        }

        if (assessment.Levels.Count == 0)
        {
            return assessment.OfferedTopics.Count > 0 ? Side.ExperienceMentor : null;
        }

        return assessment.Levels.Average(l => l.Level) >= 5 ? Side.DigitalMentor : Side.ExperienceMentor;
    }
}
