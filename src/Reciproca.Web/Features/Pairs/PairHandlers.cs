using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Pairs;

public sealed record PairView(
    Guid Id,
    Guid DigitalMentorId,
    string DigitalMentorName,
    Guid ExperienceMentorId,
    string ExperienceMentorName,
    long Score,
    PairState State,
    bool DigitalMentorAccepted,
    bool ExperienceMentorAccepted,
    PairExplanation Explanation,
    Guid Version) : IVersioned;

public sealed record DeclinePair(string Reason);

/// <summary>
/// A participant sees their own pair only; HR sees the programme's pairs; a sponsor sees none (programme-level data
/// only). Accepting and declining is each partner's own act, recorded with who and when.
/// </summary>
public sealed class PairHandlers(AppDbContext db, ProgrammeAccess access, PairNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Every pair the actor may see (the pages: a programme's pairs are bounded by its cohort).</summary>
    public async Task<Result<IReadOnlyList<PairView>>> ListAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken)
    {
        var all = await ListAsync(programmeId, state: null, PageRequest.All, actor, cancellationToken);
        return all.Succeeded ? new Result<IReadOnlyList<PairView>>(all.Value!.Items, null) : all.Problem!;
    }

    public async Task<Result<PagedList<PairView>>> ListAsync(Guid programmeId, PairState? state, PageRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (!await access.CanViewAsync(actor, programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        var manager = await access.CanManageAsync(actor, programmeId, cancellationToken);
        var personId = actor.PersonId;
        if (!manager && (personId is null || actor.IsInRole(Roles.Sponsor) && !actor.IsInRole(Roles.Participant)))
        {
            return Problem.Forbidden(localizer["Pairs.Private"]);
        }

        if (EnumInput.Problem("state", state, localizer) is { } unknownState)
        {
            return unknownState;
        }

        var query = db.Pairs.AsNoTracking().Where(p => p.ProgrammeId == programmeId);
        if (!manager)
        {
            query = query.Involving(personId!.Value);
        }

        if (state is not null)
        {
            query = query.Where(p => p.State == state);
        }

        var pairs = await query.OrderByDescending(p => p.Score).ThenBy(p => p.Id).ToPagedListAsync(request, cancellationToken);
        var ids = pairs.Items.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return new PagedList<PairView>(pairs.Total, pairs.Page, pairs.PageSize, [.. pairs.Items.Select(p => ToView(p, names))]);
    }

    public Task<Result<PairView>> AcceptAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken) =>
        ActAsync(programmeId, pairId, actor, (pair, personId, now) =>
        {
            if (pair.State != PairState.Proposed)
            {
                return localizer["Pairs.NotProposed"];
            }

            if (pair.DigitalMentorId == personId)
            {
                pair.DigitalMentorAcceptedUtc ??= now;
            }
            else
            {
                pair.ExperienceMentorAcceptedUtc ??= now;
            }

            if (pair.DigitalMentorAcceptedUtc is not null && pair.ExperienceMentorAcceptedUtc is not null)
            {
                pair.State = PairState.Accepted;
            }

            return null;
        }, reason: null, cancellationToken);

    public Task<Result<PairView>> DeclineAsync(Guid programmeId, Guid pairId, DeclinePair command, Actor actor, CancellationToken cancellationToken) =>
        ActAsync(programmeId, pairId, actor, (pair, _, _) =>
        {
            if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > 1000)
            {
                return localizer["Pairs.ReasonRequired"];
            }

            if (InputText.Problem(command.Reason, localizer, multiLine: true) is { } refused)
            {
                return refused;
            }

            if (pair.State is not (PairState.Proposed or PairState.Accepted))
            {
                return localizer["Pairs.NotProposed"];
            }

            // Both people return to the pool; HR sees the reason and can rematch.
            pair.State = PairState.Declined;
            pair.EndReason = command.Reason.Trim();
            return null;
        }, command.Reason, cancellationToken);

    private async Task<Result<PairView>> ActAsync(Guid programmeId, Guid pairId, Actor actor, Func<Pair, Guid, DateTime, string?> act, string? reason, CancellationToken cancellationToken)
    {
        var personId = actor.PersonId;
        var pair = await db.Pairs.OwnAsync(programmeId, pairId, personId, cancellationToken);
        if (pair is null)
        {
            return Problem.NotFound(localizer["Pairs.NotFound"]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var from = pair.State;
        var acceptedBefore = AcceptedBy(pair, personId!.Value);
        if (act(pair, personId.Value, now) is { } error)
        {
            return Problem.Validation("pair", error);
        }

        pair.Version = Guid.NewGuid();
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now, ByUserId = actor.UserId, From = from, To = pair.State, Reason = reason?.Trim() });
        if (pair.State == PairState.Declined && from != PairState.Declined)
        {
            await notifications.DeclinedAsync(pair, personId.Value, reason!.Trim(), cancellationToken);
        }
        else if (!acceptedBefore && AcceptedBy(pair, personId.Value))
        {
            // Accepting twice tells nobody twice.
            await notifications.AcceptedAsync(pair, personId.Value, cancellationToken);
        }

        if (await db.SaveOrProblemAsync(Problem.Conflict(localizer["Pairs.Changed"]), cancellationToken) is { } lostRace)
        {
            return lostRace;
        }

        var names = await db.People.AsNoTracking().Where(p => p.Id == pair.DigitalMentorId || p.Id == pair.ExperienceMentorId).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return ToView(pair, names);
    }

    private static bool AcceptedBy(Pair pair, Guid personId) =>
        (pair.DigitalMentorId == personId ? pair.DigitalMentorAcceptedUtc : pair.ExperienceMentorAcceptedUtc) is not null;

    private static PairView ToView(Pair pair, Dictionary<Guid, string> names) => new(
        pair.Id, pair.DigitalMentorId, names.GetValueOrDefault(pair.DigitalMentorId, "?"), pair.ExperienceMentorId, names.GetValueOrDefault(pair.ExperienceMentorId, "?"),
        pair.Score, pair.State, pair.DigitalMentorAcceptedUtc is not null, pair.ExperienceMentorAcceptedUtc is not null,
        JsonSerializer.Deserialize<PairExplanation>(pair.Explanation, ApiJson.Options)!, pair.Version);
}
