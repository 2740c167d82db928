using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Pairs;

public sealed record PactGoalInput(GoalDirection Direction, string Text, IReadOnlyList<string>? Tags = null, string? Target = null);

public sealed record WritePact(IReadOnlyList<PactGoalInput> Goals, int CadenceSessions, int CadenceWeeks, bool ConfidentialityAccepted);

public sealed record PactView(
    Guid PairId,
    int Number,
    IReadOnlyList<PactGoalInput> Goals,
    int CadenceSessions,
    int CadenceWeeks,
    bool ConfidentialityAccepted,
    bool DigitalMentorSigned,
    bool ExperienceMentorSigned,
    int PreviousVersions,
    Guid Version) : IVersioned;

/// <summary>
/// The pact belongs to the pair: only the two partners read, write and sign it (HR sees whether it is signed).
/// Writing needs both partners to have accepted the pair; signing needs a goal each way and the charter.
/// </summary>
public sealed class PactHandlers(AppDbContext db, DigCompCatalogue digComp, PairNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxGoals = 20;

    public const int MaxTagsPerGoal = 10;

    public async Task<Result<PactView>> GetAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, problem) = await OwnPairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var pact = await LoadAsync(pair!.Id, cancellationToken);
        return pact is null ? Problem.NotFound(localizer["Pact.NotWritten"]) : await ToViewAsync(pact, cancellationToken);
    }

    public async Task<Result<PactView>> WriteAsync(Guid programmeId, Guid pairId, WritePact command, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, problem) = await OwnPairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (pair!.State is not (PairState.Accepted or PairState.Agreed))
        {
            return Problem.Validation("pair", localizer["Pact.NotAccepted"]);
        }

        var errors = await ValidateAsync(command, cancellationToken);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pact = await LoadAsync(pair.Id, cancellationToken);
        var (written, signaturesCleared) = (pact is not null, false);
        // The partner hears of a draft once per drafting session, and of every edit that asks them to sign again.
        var sameSession = pact is not null && pact.UpdatedBy == actor.UserId && now - pact.UpdatedUtc < PairNotifications.DraftingSession;
        if (pact is null)
        {
            pact = new Pact { PairId = pair.Id };
            db.Pacts.Add(pact);
        }
        else
        {
            if (expectedVersion is null)
            {
                return Problem.PreconditionRequired(localizer["Pact.SendVersion"]);
            }

            if (expectedVersion != pact.Version)
            {
                return Problem.Stale(localizer["Pact.Stale"]);
            }

            // Saving the same text again must not cost the pair its signatures.
            if (JsonSerializer.Serialize(Content(pact)) == JsonSerializer.Serialize(Normalised(command)))
            {
                return await ToViewAsync(pact, cancellationToken);
            }

            if (pact.DigitalMentorSignedUtc is not null || pact.ExperienceMentorSignedUtc is not null)
            {
                // A signed text is kept as it was signed; the edit is a new version that both sign again.
                db.PactRevisions.Add(new PactRevision
                {
                    PactId = pact.Id,
                    Number = pact.Number,
                    Content = JsonSerializer.Serialize(Content(pact)),
                    DigitalMentorSignedUtc = pact.DigitalMentorSignedUtc,
                    ExperienceMentorSignedUtc = pact.ExperienceMentorSignedUtc,
                    SupersededUtc = now,
                });
                pact.Number++;
                signaturesCleared = true;
                pact.DigitalMentorSignedUtc = null;
                pact.ExperienceMentorSignedUtc = null;
                if (pair.State == PairState.Agreed)
                {
                    Transition(pair, PairState.Accepted, actor, now, "pact edited");
                }
            }

            db.RemoveRange(pact.Goals);
            pact.Goals.Clear();
        }

        var goals = command.Goals.Select(g => new PactGoal
        {
            PactId = pact.Id,
            Direction = g.Direction,
            Text = g.Text.Trim(),
            Tags = [.. (g.Tags ?? []).Distinct()],
            Target = g.Target?.Trim() ?? "",
        }).ToList();
        db.PactGoals.AddRange(goals);
        pact.Goals.AddRange(goals);
        pact.CadenceSessions = command.CadenceSessions;
        pact.CadenceWeeks = command.CadenceWeeks;
        pact.ConfidentialityAccepted = command.ConfidentialityAccepted;
        pact.UpdatedUtc = now;
        pact.UpdatedBy = actor.UserId;
        pact.Version = Guid.NewGuid();
        if (!sameSession || signaturesCleared)
        {
            await notifications.PactWrittenAsync(pair, actor.PersonId!.Value, changed: written, signaturesCleared, cancellationToken);
        }

        return await SaveAsync(pact, cancellationToken);
    }

    public async Task<Result<PactView>> SignAsync(Guid programmeId, Guid pairId, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, problem) = await OwnPairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var pact = await LoadAsync(pair!.Id, cancellationToken);
        if (pact is null)
        {
            return Problem.NotFound(localizer["Pact.NotWritten"]);
        }

        if (expectedVersion is null)
        {
            return Problem.PreconditionRequired(localizer["Pact.SendVersion"]);
        }

        if (expectedVersion != pact.Version)
        {
            // Never sign a text other than the one the person read.
            return Problem.Stale(localizer["Pact.Stale"]);
        }

        var errors = new Dictionary<string, string[]>();
        if (pact.Goals.All(g => g.Direction != GoalDirection.DigitalToExperience) || pact.Goals.All(g => g.Direction != GoalDirection.ExperienceToDigital))
        {
            errors["goals"] = [localizer["Pact.GoalEachWay"]];
        }

        if (!pact.ConfidentialityAccepted)
        {
            errors["confidentialityAccepted"] = [localizer["Pact.Charter"]];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var personId = actor.PersonId!.Value;
        var signedBefore = (pair.DigitalMentorId == personId ? pact.DigitalMentorSignedUtc : pact.ExperienceMentorSignedUtc) is not null;
        if (pair.DigitalMentorId == personId)
        {
            pact.DigitalMentorSignedUtc ??= now;
        }
        else
        {
            pact.ExperienceMentorSignedUtc ??= now;
        }

        if (!signedBefore)
        {
            await notifications.PactSignedAsync(pair, personId, pact.FullySigned, cancellationToken);
        }

        if (pact.FullySigned && pair.State == PairState.Accepted)
        {
            Transition(pair, PairState.Agreed, actor, now, null);
        }

        pact.Version = Guid.NewGuid();
        return await SaveAsync(pact, cancellationToken);
    }

    private void Transition(Pair pair, PairState to, Actor actor, DateTime now, string? reason)
    {
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now, ByUserId = actor.UserId, From = pair.State, To = to, Reason = reason });
        pair.State = to;
        pair.Version = Guid.NewGuid();
    }

    private async Task<Result<PactView>> SaveAsync(Pact pact, CancellationToken cancellationToken) =>
        await db.SaveOrProblemAsync(Problem.Stale(localizer["Pact.Stale"]), cancellationToken) ?? new Result<PactView>(await ToViewAsync(pact, cancellationToken), null);

    private async Task<Dictionary<string, string[]>> ValidateAsync(WritePact command, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var goals = ValidateGoals(command.Goals, errors);
        var tags = goals.SelectMany(g => g.Tags ?? []).Distinct().ToList();
        var topics = await db.ExperienceTopics.Where(t => tags.Contains(t.Key)).Select(t => t.Key).ToListAsync(cancellationToken);
        var unknown = tags.Where(t => !digComp.IsCompetence(t) && !topics.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            errors["goals.tags"] = [localizer["Pact.UnknownTags", string.Join(", ", unknown.Take(MaxTagsPerGoal))]];
        }

        if (!ProgrammeRules.PlannedSessions.Allows(command.CadenceSessions))
        {
            errors["cadenceSessions"] = [localizer["Programme.Range", ProgrammeRules.PlannedSessions.Min, ProgrammeRules.PlannedSessions.Max]];
        }

        if (!ProgrammeRules.CadenceWeeks.Allows(command.CadenceWeeks))
        {
            errors["cadenceWeeks"] = [localizer["Programme.Range", ProgrammeRules.CadenceWeeks.Min, ProgrammeRules.CadenceWeeks.Max]];
        }

        return errors;
    }

    /// <summary>
    /// The goals' own rules: the list is required (it may be empty while the pair drafts; signing needs one each way),
    /// bounded, and each goal present, of a known direction, with a clean text, target and a few tags. Answers the
    /// goals whose tags are still to be checked against the catalogues.
    /// </summary>
    private List<PactGoalInput> ValidateGoals(IReadOnlyList<PactGoalInput?>? goals, Dictionary<string, string[]> errors)
    {
        if (goals is null)
        {
            errors["goals"] = [localizer["Pact.GoalsRequired"]];
            return [];
        }

        if (goals.Count > MaxGoals)
        {
            errors["goals"] = [localizer["Pact.TooManyGoals", MaxGoals]];
            return [];
        }

        var valid = new List<PactGoalInput>();
        for (var i = 0; i < goals.Count; i++)
        {
            var field = $"goals[{i}]";
            if (goals[i] is not { } goal)
            {
                errors[field] = [localizer["Pact.GoalMissing"]];
                continue;
            }

            EnumInput.Check(errors, $"{field}.direction", goal.Direction, localizer);
            if (string.IsNullOrWhiteSpace(goal.Text) || goal.Text.Length > 1000 || (goal.Target ?? "").Length > 500)
            {
                errors[$"{field}.text"] = [localizer["Pact.GoalText"]];
            }

            InputText.Check(errors, $"{field}.text", goal.Text, localizer, multiLine: true);
            InputText.Check(errors, $"{field}.target", goal.Target, localizer);
            if (goal.Tags is { } tags && (tags.Count > MaxTagsPerGoal || tags.Any(t => string.IsNullOrWhiteSpace(t))))
            {
                errors[$"{field}.tags"] = [localizer["Pact.TagsLimit", MaxTagsPerGoal]];
                continue;
            }

            valid.Add(goal);
        }

        return valid;
    }

    private async Task<(Pair? Pair, Problem? Problem)> OwnPairAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.OwnAsync(programmeId, pairId, actor.PersonId, cancellationToken);
        return pair is null ? (null, Problem.NotFound(localizer["Pairs.NotFound"])) : (pair, null);
    }

    private Task<Pact?> LoadAsync(Guid pairId, CancellationToken cancellationToken) =>
        db.Pacts.Include(p => p.Goals).SingleOrDefaultAsync(p => p.PairId == pairId, cancellationToken);

    private async Task<PactView> ToViewAsync(Pact pact, CancellationToken cancellationToken) => new(
        pact.PairId, pact.Number, Content(pact).Goals, pact.CadenceSessions, pact.CadenceWeeks, pact.ConfidentialityAccepted,
        pact.DigitalMentorSignedUtc is not null, pact.ExperienceMentorSignedUtc is not null,
        await db.PactRevisions.CountAsync(r => r.PactId == pact.Id, cancellationToken), pact.Version);

    /// <summary>The command as <see cref="Content"/> would read it back once stored (trimmed, tags distinct, goals ordered by direction).</summary>
    private static WritePact Normalised(WritePact command) => new(
        [.. command.Goals.Select((g, i) => (Goal: g, Index: i)).OrderBy(x => x.Goal.Direction).ThenBy(x => x.Index)
            .Select(x => new PactGoalInput(x.Goal.Direction, x.Goal.Text.Trim(), [.. (x.Goal.Tags ?? []).Distinct()], x.Goal.Target?.Trim() ?? ""))],
        command.CadenceSessions, command.CadenceWeeks, command.ConfidentialityAccepted);

    private static WritePact Content(Pact pact) => new(
        [.. pact.Goals.OrderBy(g => g.Direction).ThenBy(g => g.Id).Select(g => new PactGoalInput(g.Direction, g.Text, g.Tags, g.Target))],
        pact.CadenceSessions, pact.CadenceWeeks, pact.ConfidentialityAccepted);
}
