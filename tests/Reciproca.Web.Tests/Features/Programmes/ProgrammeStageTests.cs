using Reciproca.Web.Features.Home;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Tests;

/// <summary>The stage and next steps of a programme, and a participant's one next step, read from counts alone.</summary>
public sealed class ProgrammeStageTests
{
    private static readonly DateOnly _today = new(2027, 2, 1);
    private static readonly DateOnly _ends = new(2027, 4, 9);

    private static ProgrammeFacts Designing(int enrolled, int assessed, int applied = 0, bool draft = false) =>
        new(ProgrammeStatus.Enrolment, _ends, enrolled, assessed, applied, draft);

    private static ProgrammeFacts Published(int proposed = 0, int accepted = 0, int agreed = 0, int active = 0, DateOnly? ends = null) =>
        new(ProgrammeStatus.Running, ends ?? _ends, 10, 10, 0, false, proposed, accepted, agreed, active);

    [Theory]
    [InlineData(0, 0, ProgrammeStage.Enrolment)]
    [InlineData(1, 1, ProgrammeStage.Enrolment)]
    [InlineData(2, 0, ProgrammeStage.Assessment)]
    [InlineData(42, 30, ProgrammeStage.Assessment)]
    [InlineData(42, 42, ProgrammeStage.Matching)]
    public void Before_publication_the_stage_follows_enrolment_and_assessments(int enrolled, int assessed, ProgrammeStage expected) =>
        Assert.Equal(expected, ProgrammeStages.Of(Designing(enrolled, assessed), _today));

    [Fact]
    public void After_publication_pairs_still_answering_or_writing_their_pact_mean_agreement_then_running()
    {
        Assert.Equal(ProgrammeStage.Agreement, ProgrammeStages.Of(Published(proposed: 1, agreed: 5), _today));
        Assert.Equal(ProgrammeStage.Agreement, ProgrammeStages.Of(Published(accepted: 3, active: 2), _today));
        Assert.Equal(ProgrammeStage.Running, ProgrammeStages.Of(Published(agreed: 1, active: 5), _today));
    }

    [Fact]
    public void A_programme_past_its_end_date_or_closed_is_closing()
    {
        Assert.Equal(ProgrammeStage.Closing, ProgrammeStages.Of(Published(active: 5, ends: _today.AddDays(-1)), _today));
        Assert.Equal(ProgrammeStage.Running, ProgrammeStages.Of(Published(active: 5, ends: _today), _today));
        Assert.Equal(ProgrammeStage.Closing, ProgrammeStages.Of(new ProgrammeFacts(ProgrammeStatus.Closed, _ends, 10, 10), _today));
        Assert.Equal([new NextStep(NextStepKind.Closed)], ProgrammeStages.Next(new ProgrammeFacts(ProgrammeStatus.Closed, _ends, 10, 10), _today));
        Assert.Equal([new NextStep(NextStepKind.CloseProgramme, 5)], ProgrammeStages.Next(Published(active: 5, ends: _today.AddDays(-1)), _today));
    }

    [Fact]
    public void The_next_steps_carry_the_counts_their_sentences_need()
    {
        Assert.Equal([new NextStep(NextStepKind.RemindToAssess, 12, 42)], ProgrammeStages.Next(Designing(42, 30), _today));
        Assert.Equal([new NextStep(NextStepKind.ApproveApplications, 2), new NextStep(NextStepKind.RemindToAssess, 1, 5)], ProgrammeStages.Next(Designing(5, 4, applied: 2), _today));
        Assert.Equal([new NextStep(NextStepKind.EnrolPeople, 1)], ProgrammeStages.Next(Designing(1, 0), _today));
        Assert.Equal([new NextStep(NextStepKind.RunMatching, 42)], ProgrammeStages.Next(Designing(42, 42), _today));
        Assert.Equal([new NextStep(NextStepKind.PublishDraft)], ProgrammeStages.Next(Designing(42, 42, draft: true), _today));
        Assert.Equal([new NextStep(NextStepKind.AwaitAnswers, 2), new NextStep(NextStepKind.AwaitPacts, 3)], ProgrammeStages.Next(Published(proposed: 2, accepted: 3, agreed: 1), _today));
        Assert.Equal([new NextStep(NextStepKind.FollowPairs, 6, 6)], ProgrammeStages.Next(Published(agreed: 1, active: 5), _today));
    }

    [Fact]
    public void The_preparation_checklist_shows_before_matching_only()
    {
        Assert.True(ProgrammeStages.ShowsPreparation(ProgrammeStage.Assessment));
        Assert.True(ProgrammeStages.ShowsPreparation(ProgrammeStage.Matching));
        Assert.False(ProgrammeStages.ShowsPreparation(ProgrammeStage.Agreement));
        Assert.False(ProgrammeStages.ShowsPreparation(ProgrammeStage.Running));
    }

    [Theory]
    [InlineData(ParticipantStatus.Applied, false, false, ProgrammeStage.Assessment, null, false, false, false, ParticipantTodo.AwaitApproval)]
    [InlineData(ParticipantStatus.Enrolled, false, false, ProgrammeStage.Assessment, null, false, false, false, ParticipantTodo.ReadPreparation)]
    [InlineData(ParticipantStatus.Enrolled, true, false, ProgrammeStage.Assessment, null, false, false, false, ParticipantTodo.Assess)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Matching, null, false, false, false, ParticipantTodo.AwaitMatching)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Agreement, PairState.Proposed, false, false, false, ParticipantTodo.AnswerProposal)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Agreement, PairState.Proposed, true, false, false, ParticipantTodo.AwaitPartnerAnswer)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Agreement, PairState.Accepted, true, false, false, ParticipantTodo.WritePact)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Agreement, PairState.Accepted, true, true, false, ParticipantTodo.SignPact)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Agreement, PairState.Accepted, true, true, true, ParticipantTodo.AwaitPartnerSignature)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Running, PairState.Active, true, true, true, ParticipantTodo.Meet)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Running, PairState.Declined, false, false, false, ParticipantTodo.NotMatched)]
    [InlineData(ParticipantStatus.Enrolled, true, true, ProgrammeStage.Closing, null, false, false, false, ParticipantTodo.Finished)]
    public void A_participant_has_one_thing_to_do_now(ParticipantStatus status, bool ready, bool assessed, ProgrammeStage stage, PairState? pair, bool accepted, bool pact, bool signed, ParticipantTodo expected) =>
        Assert.Equal(expected, ParticipantTodos.Of(new ParticipantFacts(status, ready, assessed, stage, pair, accepted, pact, signed)));

    [Theory]
    [InlineData(0, "X.Other")]
    [InlineData(1, "X.One")]
    [InlineData(2, "X.Other")]
    [InlineData(21, "X.Other")]
    public void Plural_keys_follow_the_one_and_other_categories_of_english_and_italian(long count, string expected) =>
        Assert.Equal(expected, Plural.KeyFor("X", count));

    [Fact]
    public void Assessed_is_one_definition_shared_by_queries_and_objects()
    {
        Participant[] people = [new() { AssessedUtc = DateTime.UtcNow }, new()];
        Assert.Single(people.AsQueryable().Assessed());
        Assert.True(people[0].HasAssessed());
        Assert.False(people[1].HasAssessed());
    }
}
