using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Invitations;

public sealed record InviteByEmail(IReadOnlyList<string> Emails, string? Note);

public sealed record InvitationView(
    Guid Id,
    string Email,
    Guid? PersonId,
    string? PersonName,
    InvitationStatus Status,
    DeliveryStatus? Delivery,
    DateTime SentUtc,
    DateTime ExpiresUtc,
    DateTime? AcceptedUtc,
    int SendCount);

/// <summary>
/// HR invites people to a programme by e-mail, all or none: an invalid address, an address given twice, a person
/// already in the programme or an address with a pending invitation rejects the whole request. Resending issues a
/// new link; revoking makes the link useless.
/// </summary>
public sealed class InvitationHandlers(AppDbContext db, ProgrammeAccess access, InvitationMailer mailer, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPerRequest = 500;

    public async Task<Result<IReadOnlyList<InvitationView>>> InviteAsync(Guid programmeId, InviteByEmail command, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var emails = (command.Emails ?? []).Select(e => e?.Trim().ToLowerInvariant() ?? "").Where(e => e.Length > 0).ToList();
        if (emails.Count == 0 || emails.Count > MaxPerRequest)
        {
            return Problem.Validation("emails", localizer["Invite.Count", MaxPerRequest]);
        }

        if (command.Note is { Length: > 2000 })
        {
            return Problem.Validation("note", localizer["Invite.NoteTooLong", 2000]);
        }

        if (InputText.Problem(command.Note, localizer, multiLine: true) is { } refused)
        {
            return Problem.Validation("note", refused);
        }

        var invalid = emails.Where(e => !IsAddress(e)).ToList();
        if (invalid.Count > 0)
        {
            return Problem.Validation("emails", localizer["Invite.Invalid", string.Join(", ", invalid)]);
        }

        var repeated = emails.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            return Problem.Validation("emails", localizer["Invite.Repeated", string.Join(", ", repeated)]);
        }

        var people = (await db.People.AsNoTracking()
                .Where(p => p.Email != null && emails.Contains(p.Email.ToLower()))
                .OrderBy(p => p.ExternalId)
                .Select(p => new { p.Id, Email = p.Email!.ToLower(), p.DisplayName, p.Languages })
                .ToListAsync(cancellationToken))
            .DistinctBy(p => p.Email)
            .ToDictionary(p => p.Email);
        var personIds = people.Values.Select(p => p.Id).ToList();
        var inProgramme = await db.Participants.AsNoTracking()
            .Where(p => p.ProgrammeId == programmeId && personIds.Contains(p.PersonId) && p.Status != ParticipantStatus.Withdrawn)
            .Select(p => p.PersonId).ToListAsync(cancellationToken);
        if (inProgramme.Count > 0)
        {
            var already = people.Values.Where(p => inProgramme.Contains(p.Id)).Select(p => p.Email);
            return Problem.Validation("emails", localizer["Invite.AlreadyParticipant", string.Join(", ", already)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.Invitations.AsNoTracking()
            .Where(i => i.ProgrammeId == programmeId && emails.Contains(i.Email) && i.AcceptedUtc == null && i.RevokedUtc == null && i.ExpiresUtc > now)
            .Select(i => i.Email).ToListAsync(cancellationToken);
        if (pending.Count > 0)
        {
            return Problem.Validation("emails", localizer["Invite.AlreadyInvited", string.Join(", ", pending.Distinct())]);
        }

        var inviter = InviterName(actor);
        foreach (var email in emails)
        {
            var person = people.GetValueOrDefault(email);
            var invitation = new Invitation
            {
                ProgrammeId = programmeId,
                Email = email,
                PersonId = person?.Id,
                Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
                InvitedByUserId = actor.UserId,
                CreatedUtc = now,
            };
            db.Invitations.Add(invitation);
            mailer.Send(invitation, programme!, new Recipient(email, person?.DisplayName, person?.Languages ?? []), inviter);
        }

        // One save: the invitations and their e-mails are written together or not at all.
        await db.SaveChangesAsync(cancellationToken);
        return new Result<IReadOnlyList<InvitationView>>(await ListAsync(programmeId, cancellationToken), null);
    }

    public async Task<Result<InvitationView>> ResendAsync(Guid programmeId, Guid invitationId, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, invitation, problem) = await ManagedInvitationAsync(programmeId, invitationId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (invitation!.AcceptedUtc is not null || invitation.RevokedUtc is not null)
        {
            return Problem.Validation("invitation", localizer["Invite.NotResendable"]);
        }

        var person = invitation.PersonId is null ? null : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == invitation.PersonId, cancellationToken);
        mailer.Send(invitation, programme!, new Recipient(invitation.Email, person?.DisplayName, person?.Languages ?? []), InviterName(actor));
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return (await ViewsAsync(programmeId, invitationId, cancellationToken)).Single();
    }

    public async Task<Result<bool>> RevokeAsync(Guid programmeId, Guid invitationId, Actor actor, CancellationToken cancellationToken)
    {
        var (_, invitation, problem) = await ManagedInvitationAsync(programmeId, invitationId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (invitation!.AcceptedUtc is not null)
        {
            return Problem.Validation("invitation", localizer["Invite.AlreadyAccepted"]);
        }

        invitation.RevokedUtc ??= time.GetUtcNow().UtcDateTime;
        invitation.Version = Guid.NewGuid();
        return await SaveAsync(cancellationToken) is { } conflict ? conflict : true;
    }

    /// <summary>Saves; a colleague (or the invited person) who changed the invitation meanwhile wins, and we say so.</summary>
    private Task<Problem?> SaveAsync(CancellationToken cancellationToken) =>
        db.SaveOrProblemAsync(Problem.Conflict(localizer["Invite.Changed"]), cancellationToken);

    private async Task<(Programme? Programme, Invitation? Invitation, Problem? Problem)> ManagedInvitationAsync(Guid programmeId, Guid invitationId, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.ProgrammeId == programmeId, cancellationToken);
        return invitation is null ? (null, null, Problem.NotFound(localizer["Invite.NotFound"])) : (programme, invitation, null);
    }

    public async Task<Result<PagedList<InvitationView>>> ListAsync(Guid programmeId, PageRequest request, Actor actor, CancellationToken cancellationToken) =>
        await access.ManagerOrNotFoundAsync(actor, programmeId, cancellationToken) is { } denied
            ? denied
            : (await ListAsync(programmeId, cancellationToken)).ToPagedList(request);

    public Task<IReadOnlyList<InvitationView>> ListAsync(Guid programmeId, CancellationToken cancellationToken) =>
        ViewsAsync(programmeId, only: null, cancellationToken);

    private async Task<IReadOnlyList<InvitationView>> ViewsAsync(Guid programmeId, Guid? only, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await (
            from invitation in db.Invitations.AsNoTracking()
            where invitation.ProgrammeId == programmeId && (only == null || invitation.Id == only)
            join person in db.People.AsNoTracking() on invitation.PersonId equals person.Id into people
            from person in people.DefaultIfEmpty()
            join message in db.OutboxMessages.AsNoTracking() on invitation.MessageId equals message.Id into messages
            from message in messages.DefaultIfEmpty()
            orderby invitation.CreatedUtc descending, invitation.Email
            select new { invitation, Name = person == null ? null : person.DisplayName, SentUtc = message == null ? null : message.SentUtc, FailedUtc = message == null ? null : message.FailedUtc, HasMessage = message != null })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new InvitationView(
            r.invitation.Id, r.invitation.Email, r.invitation.PersonId, r.Name, r.invitation.StatusAt(now),
            !r.HasMessage ? null : r.SentUtc is not null ? DeliveryStatus.Sent : r.FailedUtc is not null ? DeliveryStatus.Failed : DeliveryStatus.Queued,
            r.invitation.SentUtc, r.invitation.ExpiresUtc, r.invitation.AcceptedUtc, r.invitation.SendCount))];
    }

    internal static string InviterName(Actor actor) =>
        actor.Name is { Length: > 0 } name ? name : "HR";

    /// <summary>A bare address (no display name), as MIME parses it.</summary>
    private static bool IsAddress(string text) =>
        text.Length <= 320 && MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address == text && mailbox.Address.Contains('@', StringComparison.Ordinal) && string.IsNullOrEmpty(mailbox.Name);

    private async Task<(Programme? Programme, Problem? Problem)> ManagedProgrammeAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken)
    {
        if (await access.ManagerProblemAsync(actor, programmeId, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        return programme.Status == ProgrammeStatus.Closed
            ? (null, Problem.Validation("programme", localizer["Invite.Closed"]))
            : (programme, null);
    }
}
