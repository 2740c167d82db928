using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.ProgrammeOverview;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.Home;

/// <summary>A participant's programme on their home page: its stage, their next step, their partner.</summary>
public sealed record ParticipationItem(Guid ProgrammeId, string ProgrammeName, ProgrammeStage Stage, ParticipantTodo Todo, string? PartnerName, PairState? PairState);

/// <summary>
/// Each role's to-do list. HR: the programmes they manage, each with its stage, next step and counts linking to the
/// lists. Participant: their programmes, the one thing to do now, their partner. Sponsor: the programmes they sponsor,
/// with programme-level counts only (never a pair). Administrator: the accounts to look after, and HR's view when they
/// also hold that role.
/// </summary>
public sealed class IndexModel(AppDbContext db, ProgrammeAccess access, ProgrammeProgressQuery progress, TimeProvider time) : PageModel
{
    /// <summary>Shown to HR and administrators only.</summary>
    public int? PeopleCount { get; private set; }

    /// <summary>Administrators: active accounts that must still change their one-time password.</summary>
    public int? AccountsToChangePassword { get; private set; }

    public int? ActiveAccounts { get; private set; }

    public IReadOnlyList<ProgrammeProgressView>? Managed { get; private set; }

    public IReadOnlyList<ProgrammeProgressView>? Sponsored { get; private set; }

    public IReadOnlyList<ParticipationItem>? Participations { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = this.Actor;
        if (actor.IsAdministrator || actor.IsInRole(Roles.ProgrammeManager))
        {
            PeopleCount = await db.People.CountAsync(cancellationToken);
        }

        if (actor.IsAdministrator)
        {
            // Read in memory: SQLite compares no DateTimeOffset, and an installation has tens of accounts, not millions.
            var now = time.GetUtcNow();
            var accounts = await db.Users.AsNoTracking().Select(u => new { u.LockoutEnd, u.MustChangePassword }).ToListAsync(cancellationToken);
            var active = accounts.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now).ToList();
            ActiveAccounts = active.Count;
            AccountsToChangePassword = active.Count(u => u.MustChangePassword);
        }

        var userId = actor.UserId;
        if (actor.IsInRole(Roles.ProgrammeManager))
        {
            Managed = await progress.ForAsync(MemberOf(userId, ProgrammeAccess.ManagerRole), cancellationToken);
        }

        if (actor.IsInRole(Roles.Sponsor))
        {
            Sponsored = await progress.ForAsync(MemberOf(userId, ProgrammeAccess.SponsorRole), cancellationToken);
        }

        if (actor.PersonId is { } personId && actor.IsInRole(Roles.Participant))
        {
            Participations = await ParticipationsAsync(actor, personId, cancellationToken);
        }
    }

    // Scope by membership, inside what the actor may see at all: an administrator's home lists the programmes they
    // manage, not every programme.
    private IQueryable<Programme> MemberOf(Guid userId, string role) =>
        access.Visible(this.Actor).Where(p => db.ProgrammeMembers.Any(m => m.ProgrammeId == p.Id && m.UserId == userId && m.Role == role));

    private async Task<IReadOnlyList<ParticipationItem>> ParticipationsAsync(Actor actor, Guid personId, CancellationToken cancellationToken)
    {
        var mine = await db.Participants.AsNoTracking().Where(p => p.PersonId == personId && p.Status != ParticipantStatus.Withdrawn).ToListAsync(cancellationToken);
        var ids = mine.Select(p => p.ProgrammeId).ToList();
        var programmes = await progress.ForAsync(access.Visible(actor).Where(p => ids.Contains(p.Id)), cancellationToken);
        var pairs = await db.Pairs.AsNoTracking()
            .Involving(personId).Where(p => ids.Contains(p.ProgrammeId))
            .ToListAsync(cancellationToken);
        // The pair whose next step the home shows: an open one, the earliest in its life first (a proposal to answer comes
        // before a pact to write), else the latest. With capacities above one a participant may have several.
        var pairOf = pairs.GroupBy(p => p.ProgrammeId)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.IsOpen ? 0 : 1).ThenBy(p => p.IsOpen ? p.State : default).ThenByDescending(p => p.CreatedUtc).First());
        var openPartnersOf = pairs.Where(p => p.IsOpen).GroupBy(p => p.ProgrammeId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.DigitalMentorId == personId ? p.ExperienceMentorId : p.DigitalMentorId).ToList());
        var pairIds = pairOf.Values.Select(p => p.Id).ToList();
        var pacts = await db.Pacts.AsNoTracking().Where(p => pairIds.Contains(p.PairId))
            .Select(p => new { p.PairId, p.DigitalMentorSignedUtc, p.ExperienceMentorSignedUtc }).ToDictionaryAsync(p => p.PairId, cancellationToken);
        var partnerIds = openPartnersOf.Values.SelectMany(ids => ids).ToList();
        var names = await db.People.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);

        return [.. programmes.Select(programme =>
        {
            var me = mine.Single(p => p.ProgrammeId == programme.Id);
            var pair = pairOf.GetValueOrDefault(programme.Id);
            var digital = pair?.DigitalMentorId == personId;
            var pact = pair is null ? null : pacts.GetValueOrDefault(pair.Id);
            var facts = new ParticipantFacts(
                me.Status, me.ReadyUtc is not null, me.HasAssessed(), programme.Stage, pair?.State,
                IAccepted: pair is not null && (digital ? pair.DigitalMentorAcceptedUtc : pair.ExperienceMentorAcceptedUtc) is not null,
                PactWritten: pact is not null,
                ISigned: pact is not null && (digital ? pact.DigitalMentorSignedUtc : pact.ExperienceMentorSignedUtc) is not null);
            // The partner is named once the pair is proposed, and not after a refusal (the pair no longer exists for them).
            var partner = pair is { IsOpen: true } && openPartnersOf.TryGetValue(programme.Id, out var partners)
                ? string.Join(", ", partners.Select(id => names.GetValueOrDefault(id)).OfType<string>())
                : null;
            return new ParticipationItem(programme.Id, programme.Name, programme.Stage, ParticipantTodos.Of(facts), partner, pair?.State);
        })];
    }
}
