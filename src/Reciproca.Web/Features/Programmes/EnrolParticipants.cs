using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Programmes;

public sealed record EnrolParticipants(IReadOnlyList<Guid> PersonIds);

public sealed record ParticipantView(
    Guid Id,
    Guid PersonId,
    string DisplayName,
    string? Department,
    int? BirthYear,
    ParticipantStatus Status,
    Side? ProposedSide,
    Side? Side,
    bool Assessed,
    bool Ready,
    DateTime? AssessmentRemindedUtc);

/// <summary>
/// Enrols people from the directory into a programme, all or none: an unknown id, a person who has left (deactivated),
/// a person already enrolled or an id given twice rejects the whole request and changes nothing. Each person enrolled
/// is told, in the same save.
/// </summary>
public sealed class EnrolParticipantsHandler(AppDbContext db, ProgrammeAccess access, EnrolmentNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPerRequest = 5000;

    public async Task<Result<IReadOnlyList<ParticipantView>>> HandleAsync(Guid programmeId, EnrolParticipants command, Actor actor, CancellationToken cancellationToken)
    {
        if (await access.ManagerProblemAsync(actor, programmeId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var ids = command.PersonIds ?? [];
        if (ids.Count == 0 || ids.Count > MaxPerRequest)
        {
            return Problem.Validation("personIds", localizer["Enrol.Count", MaxPerRequest]);
        }

        var repeated = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            return Problem.Validation("personIds", localizer["Enrol.Repeated", string.Join(", ", repeated)]);
        }

        var known = await db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        var unknown = ids.Except(known).ToList();
        if (unknown.Count > 0)
        {
            return Problem.Validation("personIds", localizer["Enrol.Unknown", string.Join(", ", unknown)]);
        }

        var left = await db.People.Where(p => ids.Contains(p.Id) && p.DeactivatedUtc != null).Select(p => p.Id).ToListAsync(cancellationToken);
        if (left.Count > 0)
        {
            return Problem.Validation("personIds", localizer["Enrol.Deactivated", string.Join(", ", left)]);
        }

        var already = await db.Participants.Where(p => p.ProgrammeId == programmeId && ids.Contains(p.PersonId)).Select(p => p.PersonId).ToListAsync(cancellationToken);
        if (already.Count > 0)
        {
            return Problem.Validation("personIds", localizer["Enrol.Already", string.Join(", ", already)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.Participants.AddRange(ids.Select(id => new Participant { ProgrammeId = programmeId, PersonId = id, EnrolledUtc = now }));
        await notifications.EnrolledAsync(programmeId, ids, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another HR user enrolled one of them in the meantime: the unique index refused the whole batch.
            return Problem.Conflict(localizer["Enrol.Conflict"]);
        }

        return new Result<IReadOnlyList<ParticipantView>>(await ListAsync(programmeId, cancellationToken), null);
    }

    /// <summary>The API's list: for the programme's managers; a programme outside their reach does not exist.</summary>
    public async Task<Result<PagedList<ParticipantView>>> ListAsync(Guid programmeId, ParticipantStatus? status, PageRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (await access.ManagerOrNotFoundAsync(actor, programmeId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (EnumInput.Problem("status", status, localizer) is { } unknownStatus)
        {
            return unknownStatus;
        }

        var all = await ListAsync(programmeId, cancellationToken);
        return (status is null ? all : [.. all.Where(p => p.Status == status)]).ToPagedList(request);
    }

    public async Task<IReadOnlyList<ParticipantView>> ListAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        var rows = await (
            from participant in db.Participants.AsNoTracking()
            join person in db.People.AsNoTracking() on participant.PersonId equals person.Id
            where participant.ProgrammeId == programmeId
            orderby person.DisplayName, person.Id
            select new { participant, person.DisplayName, person.Department, person.BirthYear, Assessed = participant.AssessedUtc != null })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ParticipantView(
            r.participant.Id, r.participant.PersonId, r.DisplayName, r.Department, r.BirthYear, r.participant.Status,
            r.participant.ProposedSide, r.participant.Side, r.Assessed, r.participant.ReadyUtc is not null, r.participant.AssessmentRemindedUtc))];
    }
}
