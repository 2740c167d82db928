using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Invitations;

/// <summary>What the invitation link can do for whoever opened it.</summary>
public enum AcceptState
{
    /// <summary>No invitation has this token (mistyped, or replaced by a newer e-mail).</summary>
    Invalid,
    Expired,
    Revoked,
    AlreadyAccepted,

    /// <summary>Signed in with an account that is not the invited person's.</summary>
    OtherAccount,

    /// <summary>Signed in as the invited person: one button joins.</summary>
    Join,

    /// <summary>The invited person has an account: sign in first.</summary>
    SignIn,

    /// <summary>No account yet: choose a password (and give a name if the directory does not know the person).</summary>
    Register,
}

/// <summary>What the link leads to; <paramref name="JoiningPersonId"/> is the signed-in invited person, when there is one.</summary>
public sealed record InvitationLookup(AcceptState State, Invitation? Invitation, Programme? Programme, Person? Person, Guid? JoiningPersonId = null);

public sealed record RegisterFromInvitation(string? GivenName, string? FamilyName, string Password);

/// <summary>The new account, and whether the person joined at once or applied (not in the directory: HR approves).</summary>
public sealed record Registration(AppUser Account, Guid ProgrammeId, bool Applied);

/// <summary>
/// Accepting an invitation: the person joins the programme, with a new account when they have none. A person
/// of the directory is enrolled at once; somebody the HR export does not know applies, and HR approves
/// (PRODUCT.md, enrolment). Everything is written in one transaction.
/// </summary>
public sealed class AcceptInvitationHandler(AppDbContext db, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public async Task<InvitationLookup> LookupAsync(string? token, Actor actor, CancellationToken cancellationToken)
    {
        var hash = ApiToken.Hash(token ?? "");
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return new InvitationLookup(AcceptState.Invalid, null, null, null);
        }

        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == invitation.ProgrammeId, cancellationToken);
        var person = invitation.PersonId is null ? null : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == invitation.PersonId, cancellationToken);
        var status = invitation.StatusAt(time.GetUtcNow().UtcDateTime);
        var signedIn = actor.IsAuthenticated;
        var joining = status == InvitationStatus.Pending && signedIn ? await InvitedPersonOfAsync(actor, invitation, cancellationToken) : null;
        var state = status switch
        {
            InvitationStatus.Accepted => AcceptState.AlreadyAccepted,
            InvitationStatus.Revoked => AcceptState.Revoked,
            InvitationStatus.Expired => AcceptState.Expired,
            _ when signedIn => joining is null ? AcceptState.OtherAccount : AcceptState.Join,
            _ => await AccountOfAsync(invitation, cancellationToken) is null ? AcceptState.Register : AcceptState.SignIn,
        };
        return new InvitationLookup(state, invitation, programme, person, joining);
    }

    /// <summary>The signed-in invited person joins.</summary>
    public async Task<Result<Guid>> JoinAsync(string? token, Actor actor, CancellationToken cancellationToken)
    {
        var lookup = await LookupAsync(token, actor, cancellationToken);
        if (lookup.State != AcceptState.Join)
        {
            return Refusal(lookup.State);
        }

        _ = await EnrolAsync(lookup.Invitation!, lookup.JoiningPersonId!.Value, inDirectory: true, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem.Conflict(localizer["Invitation.Conflict"]);
        }

        return lookup.Programme!.Id;
    }

    /// <summary>Creates the account (and, for somebody the directory does not know, the person) and joins.</summary>
    public async Task<Result<Registration>> RegisterAsync(string? token, RegisterFromInvitation command, CancellationToken cancellationToken)
    {
        var lookup = await LookupAsync(token, Actor.Anonymous, cancellationToken);
        if (lookup.State != AcceptState.Register)
        {
            return Refusal(lookup.State);
        }

        var invitation = lookup.Invitation!;
        var person = lookup.Person;
        var errors = new Dictionary<string, string[]>();
        if (person is null)
        {
            if (string.IsNullOrWhiteSpace(command.GivenName) || command.GivenName.Trim().Length > 200)
            {
                errors["givenName"] = [localizer["Invitation.NameRequired"]];
            }

            if (string.IsNullOrWhiteSpace(command.FamilyName) || command.FamilyName.Trim().Length > 200)
            {
                errors["familyName"] = [localizer["Invitation.NameRequired"]];
            }

            InputText.Check(errors, "givenName", command.GivenName, localizer);
            InputText.Check(errors, "familyName", command.FamilyName, localizer);
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var (account, problem, status) = await CreateAccountAndEnrolAsync(invitation, person, command, cancellationToken);
            if (problem is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return problem;
            }

            await transaction.CommitAsync(cancellationToken);
            return new Registration(account!, invitation.ProgrammeId, status == ParticipantStatus.Applied);
        }
        catch (DbUpdateException)
        {
            // The same link used twice at once, or HR revoking it meanwhile: the first wins, nothing of ours stays.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Problem.Conflict(localizer["Invitation.Conflict"]);
        }
    }

    private async Task<(AppUser? Account, Problem? Problem, ParticipantStatus Status)> CreateAccountAndEnrolAsync(Invitation invitation, Person? person, RegisterFromInvitation command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var inDirectory = person is not null;
        if (person is null)
        {
            person = new Person
            {
                // Not from the HR export: a provisional key. An import whose file has this e-mail under an HR key gives
                // the person that key (the same person, not a second one).
                ExternalId = $"{ImportPeopleHandler.InvitedKeyPrefix}{invitation.Id:N}",
                Email = invitation.Email,
                GivenName = command.GivenName!.Trim(),
                FamilyName = command.FamilyName!.Trim(),
                DisplayName = $"{command.GivenName.Trim()} {command.FamilyName.Trim()}",
                CreatedUtc = now,
            };
            person.Touch(now);
            db.People.Add(person);
            invitation.PersonId = person.Id;
        }

        var (account, created) = await users.CreateParticipantAsync(invitation.Email, person.DisplayName, person.Id, command.Password ?? "");
        if (account is null)
        {
            return (null, Problem.Validation("password", string.Join(" ", created.Errors.Select(e => e.Description))), default);
        }

        var status = await EnrolAsync(invitation, person.Id, inDirectory, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (account, null, status);
    }

    /// <summary>Adds or re-enrols the participant; returns their status afterwards.</summary>
    private async Task<ParticipantStatus> EnrolAsync(Invitation invitation, Guid personId, bool inDirectory, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        invitation.AcceptedUtc = now;
        invitation.PersonId ??= personId;
        invitation.Version = Guid.NewGuid();
        var participant = await db.Participants.SingleOrDefaultAsync(p => p.ProgrammeId == invitation.ProgrammeId && p.PersonId == personId, cancellationToken);
        if (participant is null)
        {
            participant = new Participant
            {
                ProgrammeId = invitation.ProgrammeId,
                PersonId = personId,
                Status = inDirectory ? ParticipantStatus.Enrolled : ParticipantStatus.Applied,
                EnrolledUtc = now,
            };
            db.Participants.Add(participant);
        }
        else if (participant.Status is ParticipantStatus.Invited or ParticipantStatus.Withdrawn)
        {
            participant.Status = ParticipantStatus.Enrolled;
            participant.EnrolledUtc = now;
            participant.Version = Guid.NewGuid();
        }

        return participant.Status;
    }

    /// <summary>The account of the invited person, by the person it is linked to or by the invited address.</summary>
    private async Task<AppUser?> AccountOfAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(invitation.Email);
        return await users.Users.AsNoTracking().FirstOrDefaultAsync(
            u => (invitation.PersonId != null && u.PersonId == invitation.PersonId) || u.NormalizedEmail == normalized || u.NormalizedUserName == normalized,
            cancellationToken);
    }

    /// <summary>The person the signed-in account belongs to, when that is the invited person.</summary>
    private async Task<Guid?> InvitedPersonOfAsync(Actor actor, Invitation invitation, CancellationToken cancellationToken)
    {
        var personId = actor.PersonId;
        if (personId is null)
        {
            return null;
        }

        if (invitation.PersonId is not null)
        {
            return personId == invitation.PersonId ? personId : null;
        }

        var account = await users.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actor.UserId, cancellationToken);
        return account?.NormalizedEmail == users.NormalizeEmail(invitation.Email) ? personId : null;
    }

    private Problem Refusal(AcceptState state) => state switch
    {
        AcceptState.Invalid => Problem.NotFound(localizer["Invitation.Invalid"]),
        AcceptState.OtherAccount => Problem.Forbidden(localizer["Invitation.OtherAccount"]),
        AcceptState.SignIn or AcceptState.Join => Problem.Validation("invitation", localizer["Invitation.SignIn"]),
        _ => Problem.Validation("invitation", localizer[$"Invitation.{state}"]),
    };
}
