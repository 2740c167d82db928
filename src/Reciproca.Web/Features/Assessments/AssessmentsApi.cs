using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Assessments;

/// <summary>Self-assessments of a programme's participants, and HR's reminders to complete them.</summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this RouteGroupBuilder api)
    {
        var programme = api.MapGroup("/programmes/{id}").WithTags("Assessments").RequireAuthorization();

        programme.MapGet("/participants/{personId}/assessment", async (Guid id, Guid personId, SubmitAssessmentHandler handler, Actor actor, CancellationToken ct) =>
                (await handler.GetAsync(id, personId, actor, ct)).ToOk())
            .WithName("GetAssessment")
            .WithSummary("A participant's self-assessment: for the person and the programme's managers.")
            .Produces<AssessmentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapPut("/participants/{personId}/assessment", async (Guid id, Guid personId, SubmitAssessment command, SubmitAssessmentHandler handler, Actor actor, CancellationToken ct) =>
                (await handler.HandleAsync(id, personId, command, actor, ct)).ToOk())
            .WithName("SubmitAssessment")
            .WithSummary("Store (or replace) a self-assessment as a draft (`submit: false`) or submitted (`submit: true`, refused with what is `missing` when incomplete; left out: submitted if complete); languages are ISO 639-1 codes; the side is proposed from it (`side`: HR only).")
            .Produces<AssessmentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapPost("/assessment-reminders", async (Guid id, AssessmentReminderHandler handler, Actor actor, CancellationToken ct) =>
                (await handler.RemindAsync(id, actor, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("RemindToAssess")
            .WithSummary("E-mail the enrolled people who have not submitted a complete assessment, drafts included (nobody twice within 20 hours).")
            .Produces<ReminderOutcome>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
