using System.Linq.Expressions;

namespace Reciproca.Web.Features.Programmes;

public static class ParticipantQueries
{
    /// <summary>
    /// "Assessed": the one definition every count and next step reads. Today a participant is assessed once their
    /// assessment was submitted (the submit handler stamps <see cref="Participant.AssessedUtc"/>); should drafts or
    /// withdrawals change that, this is the line to change.
    /// </summary>
    public static readonly Expression<Func<Participant, bool>> IsAssessed = p => p.AssessedUtc != null;

    private static readonly Func<Participant, bool> _isAssessed = IsAssessed.Compile();

    public static IQueryable<Participant> Assessed(this IQueryable<Participant> participants) => participants.Where(IsAssessed);

    public static bool HasAssessed(this Participant participant) => _isAssessed(participant);

    /// <summary>The cohort proper: enrolled, neither invited, applying nor withdrawn.</summary>
    public static IQueryable<Participant> Enrolled(this IQueryable<Participant> participants) => participants.Where(p => p.Status == ParticipantStatus.Enrolled);
}
