using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.Home;

/// <summary>The one thing a participant should do now in a programme (or what they are waiting for).</summary>
public enum ParticipantTodo
{
    AwaitApproval,
    ReadPreparation,
    Assess,
    AwaitMatching,
    AnswerProposal,
    AwaitPartnerAnswer,
    WritePact,
    SignPact,
    AwaitPartnerSignature,
    Meet,
    NotMatched,
    Finished,
}

/// <summary>What the participant's own next step is read from: their enrolment, their pair (if any) and its pact.</summary>
public sealed record ParticipantFacts(
    ParticipantStatus Status,
    bool Ready,
    bool Assessed,
    ProgrammeStage Stage,
    PairState? PairState = null,
    bool IAccepted = false,
    bool PactWritten = false,
    bool ISigned = false);

public static class ParticipantTodos
{
    /// <summary>
    /// In lifecycle order: a pair, when there is one, decides (its step is the urgent one); before pairs, preparation
    /// comes before the assessment, which comes before waiting for the matching.
    /// </summary>
    public static ParticipantTodo Of(ParticipantFacts facts)
    {
        if (facts.Status is ParticipantStatus.Applied or ParticipantStatus.Invited)
        {
            return ParticipantTodo.AwaitApproval;
        }

        switch (facts.PairState)
        {
            case PairState.Proposed:
                return facts.IAccepted ? ParticipantTodo.AwaitPartnerAnswer : ParticipantTodo.AnswerProposal;
            case PairState.Accepted:
                return !facts.PactWritten ? ParticipantTodo.WritePact : facts.ISigned ? ParticipantTodo.AwaitPartnerSignature : ParticipantTodo.SignPact;
            case PairState.Agreed or PairState.Active:
                return ParticipantTodo.Meet;
            case PairState.Completed or PairState.Ended:
                return ParticipantTodo.Finished;
        }

        if (facts.Stage == ProgrammeStage.Closing)
        {
            return ParticipantTodo.Finished;
        }

        if (facts.Stage is ProgrammeStage.Agreement or ProgrammeStage.Running)
        {
            return ParticipantTodo.NotMatched;
        }

        if (!facts.Ready)
        {
            return ParticipantTodo.ReadPreparation;
        }

        return facts.Assessed ? ParticipantTodo.AwaitMatching : ParticipantTodo.Assess;
    }
}
