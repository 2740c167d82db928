namespace Reciproca.Web.Features.Programmes;

public enum ParticipantStatus
{
    /// <summary>Invited by e-mail; not yet confirmed.</summary>
    Invited,

    /// <summary>Applied to an open programme; HR has to approve.</summary>
    Applied,

    Enrolled,

    Withdrawn,
}

public enum Side
{
    /// <summary>Mentors on digital tools (usually the junior); mentee on experience.</summary>
    DigitalMentor,

    /// <summary>Mentors on experience (usually the senior); mentee on digital tools.</summary>
    ExperienceMentor,
}

/// <summary>A person enrolled in a programme (the cohort).</summary>
public sealed class Participant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public Guid PersonId { get; set; }

    public ParticipantStatus Status { get; set; } = ParticipantStatus.Enrolled;

    /// <summary>The side proposed from the assessment (never from age alone).</summary>
    public Side? ProposedSide { get; set; }

    /// <summary>HR's decision, when it differs from the proposal.</summary>
    public Side? SideOverride { get; set; }

    public Side? Side => EffectiveSide(ProposedSide, SideOverride);

    /// <summary>The side a participant is matched on: HR's decision when there is one, else the proposal.</summary>
    public static Side? EffectiveSide(Side? proposed, Side? overridden) => overridden ?? proposed;

    /// <summary>When the person confirmed they read the readiness checklist.</summary>
    public DateTime? ReadyUtc { get; set; }

    public DateTime EnrolledUtc { get; set; }

    /// <summary>When HR last reminded the person to complete the assessment.</summary>
    public DateTime? AssessmentRemindedUtc { get; set; }

    /// <summary>
    /// When the person last submitted their assessment (set by the assessment's handler): what the cohort's "assessed"
    /// counts read, so that the programme does not read the assessments' own table.
    /// </summary>
    public DateTime? AssessedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
