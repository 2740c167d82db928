using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Sessions;

/// <summary>
/// A partner's closing reflection (<see cref="Gained"/>, <see cref="WouldRecommend"/>), or HR's <see cref="Reason"/>
/// when HR completes the pair (HR gives no reflection).
/// </summary>
public sealed record CompletePair(string? Gained = null, bool? WouldRecommend = null, string? Reason = null);

public sealed record EndPair(string Reason);

/// <summary>One side's reflection. <see cref="Gained"/> is the pair's: null for the programme's HR.</summary>
public sealed record ReflectionView(PairSide Side, bool WouldRecommend, string? Gained, DateTime CreatedUtc);

/// <summary>The pair's state after a close, its end reason and the reflections the caller may read.</summary>
public sealed record PairClose(Guid PairId, PairState State, string? EndReason, IReadOnlyList<ReflectionView> Reflections);

/// <summary>
/// Completing and ending a pair (issue 11 item 5). Either partner completes an agreed or active pair with their
/// reflection; the other partner adds theirs afterwards the same way on the completed pair. HR completes with a reason
/// and no reflection. A partner or HR ends an accepted, agreed or active pair early with a reason. Every change is a
/// pair event; the pair's version token makes two closes at once one winner and one 409.
/// </summary>
public sealed class PairLifeHandlers(AppDbContext db, ProgrammeAccess access, PairLifeNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxReason = 1000;

    public async Task<Result<PairClose>> CompleteAsync(Guid programmeId, Guid pairId, CompletePair command, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, partner, problem) = await PairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (!partner)
        {
            CheckReason(command.Reason, errors);
            if (errors.Count > 0)
            {
                return Problem.Validation(errors);
            }

            if (pair!.State is not (PairState.Agreed or PairState.Active))
            {
                return Problem.Conflict(localizer["PairLife.NotOpen"]);
            }

            Close(pair, PairState.Completed, command.Reason!.Trim(), actor, now);
            await notifications.ClosedAsync(pair, null, ended: false, command.Reason.Trim(), cancellationToken);
            return await SaveAsync(pair, partner, actor, cancellationToken);
        }

        InputText.Check(errors, "gained", command.Gained, localizer);
        if (string.IsNullOrWhiteSpace(command.Gained) || command.Gained.Length > PairReflection.TextLength)
        {
            errors["gained"] = [localizer["PairLife.Gained", PairReflection.TextLength]];
        }

        if (command.WouldRecommend is null)
        {
            errors["wouldRecommend"] = [localizer["PairLife.WouldRecommend"]];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var personId = actor.PersonId!.Value;
        if (await db.PairReflections.AnyAsync(r => r.PairId == pair!.Id && r.PersonId == personId, cancellationToken))
        {
            return Problem.Conflict(localizer["PairLife.AlreadyReflected"]);
        }

        if (pair!.State is PairState.Agreed or PairState.Active)
        {
            Close(pair, PairState.Completed, null, actor, now);
            await notifications.ClosedAsync(pair, personId, ended: false, null, cancellationToken);
        }
        else if (pair.State != PairState.Completed)
        {
            return Problem.Conflict(localizer["PairLife.NotOpen"]);
        }

        db.PairReflections.Add(new PairReflection { PairId = pair.Id, PersonId = personId, Gained = command.Gained!.Trim(), WouldRecommend = command.WouldRecommend!.Value, CreatedUtc = now });
        return await SaveAsync(pair, partner, actor, cancellationToken);
    }

    public async Task<Result<PairClose>> EndAsync(Guid programmeId, Guid pairId, EndPair command, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, partner, problem) = await PairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        CheckReason(command.Reason, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (pair!.State is not (PairState.Accepted or PairState.Agreed or PairState.Active))
        {
            return Problem.Conflict(localizer["PairLife.CannotEnd"]);
        }

        var reason = command.Reason.Trim();
        Close(pair, PairState.Ended, reason, actor, time.GetUtcNow().UtcDateTime);
        await notifications.ClosedAsync(pair, partner ? actor.PersonId : null, ended: true, reason, cancellationToken);
        return await SaveAsync(pair, partner, actor, cancellationToken);
    }

    public async Task<Result<PairClose>> ReflectionsAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, partner, problem) = await PairAsync(programmeId, pairId, actor, cancellationToken);
        return problem ?? (Result<PairClose>)await ViewAsync(pair!, partner, cancellationToken);
    }

    private async Task<Result<PairClose>> SaveAsync(Pair pair, bool partner, Actor actor, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The pair changed meanwhile (its version token), or this partner's reflection was written by a parallel request.
            return Problem.Conflict(localizer["PairLife.Changed"]);
        }

        return await ViewAsync(pair, partner, cancellationToken);
    }

    private async Task<PairClose> ViewAsync(Pair pair, bool partner, CancellationToken cancellationToken)
    {
        var reflections = await db.PairReflections.AsNoTracking().Where(r => r.PairId == pair.Id).OrderBy(r => r.CreatedUtc).ToListAsync(cancellationToken);
        // The reflection's words are the pair's (PRODUCT.md, privacy): HR reads whether each would recommend it.
        return new PairClose(pair.Id, pair.State, pair.EndReason, [.. reflections.Select(r => new ReflectionView(
            r.PersonId == pair.DigitalMentorId ? PairSide.DigitalMentor : PairSide.ExperienceMentor, r.WouldRecommend, partner ? r.Gained : null, r.CreatedUtc))]);
    }

    private void Close(Pair pair, PairState to, string? reason, Actor actor, DateTime now)
    {
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now, ByUserId = actor.UserId, From = pair.State, To = to, Reason = reason });
        pair.State = to;
        pair.EndReason = reason;
        pair.Version = Guid.NewGuid();
    }

    private void CheckReason(string? reason, Dictionary<string, string[]> errors)
    {
        InputText.Check(errors, "reason", reason, localizer);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReason)
        {
            errors["reason"] = [localizer["PairLife.Reason", MaxReason]];
        }
    }

    /// <summary>A partner (tracked, to change it), or the programme's HR; anyone else finds nothing.</summary>
    private async Task<(Pair? Pair, bool Partner, Problem? Problem)> PairAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);
        if (pair is not null && actor.PersonId is { } personId && pair.Involves(personId))
        {
            return (pair, true, null);
        }

        return pair is not null && await access.CanManageAsync(actor, programmeId, cancellationToken)
            ? (pair, false, null)
            : (null, false, Problem.NotFound(localizer["Pairs.NotFound"]));
    }
}
