using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Pairs;

/// <summary>
/// How to reach one's partner: who they are at work, the languages and availability they gave in their assessment,
/// and their e-mail while the pair is open. <see cref="Email"/> is null once the pair is declined or ended.
/// </summary>
public sealed record PartnerContactView(
    Guid PersonId,
    string DisplayName,
    string? JobTitle,
    string? Department,
    string? Location,
    IReadOnlyList<string> Languages,
    string? Availability,
    string? Email,
    PairState PairState);

/// <summary>One change in a pair's life: when, who (null: somebody without an account, or the system), from and to.</summary>
public sealed record PairEventView(DateTime AtUtc, string? By, bool ByMe, PairState? From, PairState To);

/// <summary>
/// The partner's contact and the pair's history, for the two partners only: HR of the programme lists pairs and
/// reads answers, but the partner's contact is the partner's business; anyone else (HR of another programme, another
/// participant, a sponsor) meets a pair that, for them, does not exist.
/// </summary>
public sealed class PartnerHandlers(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<PartnerContactView>> PartnerAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        if (await OwnPairAsync(programmeId, pairId, actor, cancellationToken) is not { } pair)
        {
            return Problem.NotFound(localizer["Pairs.NotFound"]);
        }

        var partnerId = pair.DigitalMentorId == actor.PersonId ? pair.ExperienceMentorId : pair.DigitalMentorId;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == partnerId, cancellationToken);
        // The latest assessment the partner gave in this programme: what they said about languages and availability.
        var assessment = await (from participant in db.Participants.AsNoTracking()
                                join given in db.Assessments.AsNoTracking() on participant.Id equals given.ParticipantId
                                where participant.ProgrammeId == programmeId && participant.PersonId == partnerId
                                orderby given.SubmittedUtc descending
                                select new { given.Languages, given.Availability }).FirstOrDefaultAsync(cancellationToken);
        var languages = assessment is { Languages.Count: > 0 } ? assessment.Languages : person.Languages;
        return new PartnerContactView(
            person.Id, person.DisplayName, person.JobTitle, person.Department, person.Location, languages,
            string.IsNullOrWhiteSpace(assessment?.Availability) ? null : assessment.Availability,
            pair.IsOpen || pair.State == PairState.Completed ? person.Email : null, pair.State);
    }

    public async Task<Result<IReadOnlyList<PairEventView>>> HistoryAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        if (await OwnPairAsync(programmeId, pairId, actor, cancellationToken) is null)
        {
            return Problem.NotFound(localizer["Pairs.NotFound"]);
        }

        var events = await (from e in db.PairEvents.AsNoTracking()
                            where e.PairId == pairId
                            join user in db.Users.AsNoTracking() on e.ByUserId equals user.Id into users
                            from user in users.DefaultIfEmpty()
                            select new { e.Id, e.AtUtc, e.ByUserId, Name = user == null ? null : user.DisplayName, e.From, e.To }).ToListAsync(cancellationToken);
        return new Result<IReadOnlyList<PairEventView>>(
            [.. events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new PairEventView(e.AtUtc, string.IsNullOrEmpty(e.Name) ? null : e.Name, e.ByUserId == actor.UserId, e.From, e.To))], null);
    }

    private async Task<Pair?> OwnPairAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        return actor.PersonId is not { } personId
            ? null
            : await db.Pairs.AsNoTracking().Involving(personId).SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);
    }
}
