namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>
/// The description of every tag the API uses, in one place. A tag used by an endpoint and missing here fails a test
/// (OpenApiContractTests), so that each new group of operations is described in the document.
/// </summary>
public static class OpenApiTags
{
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["People"] = "The people directory: import from an HR export (CSV, all or nothing), search and read people.",
        ["Programmes"] = "Design programmes, enrol, invite and approve participants, give colleagues a programme's scope.",
        ["Assessments"] = "DigComp self-assessments of the participants, and reminders to those who have not completed theirs.",
        ["Matching"] = "Matching runs (optimal pairs with their explanations), locks and exclusions, and publication of a draft.",
        ["Pairs"] = "Published pairs: each partner accepts or declines, then both write and sign the reciprocity pact.",
        ["Sessions"] = "A pair's sessions (one-off or weekly series) with calendar invites: schedule, list, reschedule and cancel occurrences; the caller's private calendar feed.",
        ["Pair health"] = "For the programme's HR: every pair on track, due a check-in or at risk with the reasons in words, a pair's timeline (never log text), private check-in notes and the followed-up mark.",
        ["Invitations"] = "Invitations by e-mail to join a programme: send, list, resend and revoke.",
        ["Catalogue"] = "Reference data: the DigComp competences and levels and the experience topics.",
        ["Accounts"] = "Sign-in accounts, for administrators: create them with their roles, change roles, deactivate and reactivate, end every session and token of an account.",
        ["Notifications"] = "The caller's own notification centre (list, mark read) and their e-mail choice per kind of notification: at once, a daily digest or none.",
    };
}
