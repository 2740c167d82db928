namespace Reciproca.Web.Features.Programmes;

/// <summary>Where a programme is in its life (PRODUCT.md, lifecycle), as HR, sponsors and the home page name it.</summary>
public enum ProgrammeStage
{
    /// <summary>Fewer than two people enrolled: nothing to match yet.</summary>
    Enrolment,

    /// <summary>People are enrolled; some have not assessed themselves.</summary>
    Assessment,

    /// <summary>Everyone enrolled has assessed: HR runs matching, reviews the draft and publishes it.</summary>
    Matching,

    /// <summary>Pairs are published; some still have to answer the proposal or sign their pact.</summary>
    Agreement,

    /// <summary>Every open pair has signed its pact: the pairs meet.</summary>
    Running,

    /// <summary>The end date has passed, or HR closed the programme.</summary>
    Closing,
}

/// <summary>The counts a programme's stage is read from; pair counts are of open pairs, by state.</summary>
public sealed record ProgrammeFacts(
    ProgrammeStatus Status,
    DateOnly EndsOn,
    int Enrolled,
    int Assessed,
    int Applied = 0,
    bool HasDraft = false,
    int Proposed = 0,
    int Accepted = 0,
    int Agreed = 0,
    int Active = 0)
{
    public int NotAssessed => Math.Max(0, Enrolled - Assessed);

    public int OpenPairs => Proposed + Accepted + Agreed + Active;
}

/// <summary>What the programme's managers should do next, with the count its sentence needs.</summary>
public enum NextStepKind
{
    EnrolPeople,
    ApproveApplications,
    RemindToAssess,
    RunMatching,
    PublishDraft,
    AwaitAnswers,
    AwaitPacts,
    FollowPairs,
    CloseProgramme,
    Closed,
}

public sealed record NextStep(NextStepKind Kind, int Count = 0, int Of = 0);

/// <summary>
/// The one place that derives a programme's stage and next steps from its data (unit-tested): the home page, the
/// programme page and the sponsor's view all ask here, so that they never disagree.
/// </summary>
public static class ProgrammeStages
{
    /// <summary>A pair needs two people.</summary>
    public const int MinimumToMatch = 2;

    public static ProgrammeStage Of(ProgrammeFacts facts, DateOnly today)
    {
        if (facts.Status == ProgrammeStatus.Closed)
        {
            return ProgrammeStage.Closing;
        }

        if (facts.Status == ProgrammeStatus.Running)
        {
            if (today > facts.EndsOn)
            {
                return ProgrammeStage.Closing;
            }

            return facts.Proposed + facts.Accepted > 0 ? ProgrammeStage.Agreement : ProgrammeStage.Running;
        }

        if (facts.Enrolled < MinimumToMatch)
        {
            return ProgrammeStage.Enrolment;
        }

        return facts.NotAssessed > 0 ? ProgrammeStage.Assessment : ProgrammeStage.Matching;
    }

    /// <summary>The next steps, most urgent first; never empty.</summary>
    public static IReadOnlyList<NextStep> Next(ProgrammeFacts facts, DateOnly today)
    {
        var steps = new List<NextStep>();
        switch (Of(facts, today))
        {
            case ProgrammeStage.Enrolment:
                if (facts.Applied > 0)
                {
                    steps.Add(new NextStep(NextStepKind.ApproveApplications, facts.Applied));
                }

                steps.Add(new NextStep(NextStepKind.EnrolPeople, facts.Enrolled));
                break;
            case ProgrammeStage.Assessment:
                if (facts.Applied > 0)
                {
                    steps.Add(new NextStep(NextStepKind.ApproveApplications, facts.Applied));
                }

                steps.Add(new NextStep(NextStepKind.RemindToAssess, facts.NotAssessed, facts.Enrolled));
                break;
            case ProgrammeStage.Matching:
                steps.Add(facts.HasDraft ? new NextStep(NextStepKind.PublishDraft) : new NextStep(NextStepKind.RunMatching, facts.Enrolled));
                break;
            case ProgrammeStage.Agreement:
                if (facts.Proposed > 0)
                {
                    steps.Add(new NextStep(NextStepKind.AwaitAnswers, facts.Proposed));
                }

                if (facts.Accepted > 0)
                {
                    steps.Add(new NextStep(NextStepKind.AwaitPacts, facts.Accepted));
                }

                break;
            case ProgrammeStage.Running:
                steps.Add(new NextStep(NextStepKind.FollowPairs, facts.Agreed + facts.Active, facts.OpenPairs));
                break;
            default:
                steps.Add(facts.Status == ProgrammeStatus.Closed ? new NextStep(NextStepKind.Closed) : new NextStep(NextStepKind.CloseProgramme, facts.OpenPairs));
                break;
        }

        return steps;
    }

    /// <summary>Whether the preparation checklist is still useful: only until pairs are published.</summary>
    public static bool ShowsPreparation(ProgrammeStage stage) => stage is ProgrammeStage.Enrolment or ProgrammeStage.Assessment or ProgrammeStage.Matching;
}
