using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Invitations;

/// <summary>Issues invitation tokens and queues the e-mails that carry them, in the recipient's language.</summary>
public sealed class InvitationMailer(Outbox outbox, EmailLinks links, TimeProvider time, NaturalDates dates, IStringLocalizer<SharedResource> localizer)
{
    public const string Kind = "Invitation";

    /// <summary>A new token for <paramref name="invitation"/> (the previous link stops working), and the e-mail with it.</summary>
    public void Send(Invitation invitation, Programme programme, Recipient recipient, string inviterName)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var token = "inv_" + ApiToken.Generate()[4..];
        invitation.TokenHash = ApiToken.Hash(token);
        invitation.SentUtc = now;
        invitation.ExpiresUtc = now + Invitation.Validity;
        invitation.SendCount++;
        invitation.Version = Guid.NewGuid();

        invitation.MessageId = outbox.Enqueue(Kind, recipient, () =>
        {
            var paragraphs = new List<string> { localizer["Email.Invitation.Intro", inviterName, programme.Name] };
            if (!string.IsNullOrWhiteSpace(programme.Description))
            {
                paragraphs.Add(programme.Description);
            }

            paragraphs.Add(localizer["Email.Invitation.Plan", dates.Range(programme.StartsOn, programme.EndsOn), localizer.Count("Cadence.Sessions", programme.PlannedSessions), localizer.Count("Cadence.Weeks", programme.CadenceWeeks)]);
            paragraphs.Add(localizer["Email.Invitation.What"]);
            if (!string.IsNullOrWhiteSpace(invitation.Note))
            {
                paragraphs.Add(localizer["Email.Invitation.Note", inviterName, invitation.Note]);
            }

            paragraphs.Add(localizer["Email.Invitation.Expires", dates.DayOf(invitation.ExpiresUtc)]);
            return new EmailContent(
                localizer["Email.Invitation.Subject", programme.Name],
                localizer.Greeting(recipient.Name),
                paragraphs,
                localizer["Email.Invitation.Action"],
                links.Absolute($"/Invitations/Accept/{token}"),
                localizer["Email.Footer"]);
        }).Id;
    }
}
