using System.Globalization;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// Something that happened, told to one person: what (<see cref="Kind"/>), to whom (<see cref="To"/>), and how it
/// reads (<see cref="Compose"/>, called in the recipient's language with their name). Which channels carry it is the
/// notifier's business, not the feature's.
/// </summary>
public sealed record Notice(string Kind, NoticeRecipient To, Func<Addressee, EmailContent> Compose)
{
    /// <summary>A person of the directory: <c>new Notice(kind, personId, compose)</c>.</summary>
    public Notice(string kind, Guid personId, Func<Addressee, EmailContent> compose)
        : this(kind, NoticeRecipient.Person(personId), compose)
    {
    }

    /// <summary>
    /// Alternatives and attachments for the e-mail channel (a calendar invite), rendered in the recipient's language.
    /// </summary>
    public Func<Addressee, IEnumerable<OutboxPart>>? EmailParts { get; init; }

    /// <summary>
    /// Where the in-app notification leads, a path of the application (<c>/Programmes/Pair/…</c>). Unset: the path of
    /// the e-mail's action link when it points into the application, else none.
    /// </summary>
    public string? Link { get; init; }
}

public enum NoticeRecipientKind
{
    /// <summary>A person of the directory (<c>People</c>): participants.</summary>
    Person,

    /// <summary>A user account (<c>AspNetUsers</c>): HR and sponsors, who need not be people of the directory.</summary>
    Account,
}

/// <summary>Whom a notice is for, by id: the notifier looks up how to reach them.</summary>
public readonly record struct NoticeRecipient(NoticeRecipientKind Kind, Guid Id)
{
    public static NoticeRecipient Person(Guid personId) => new(NoticeRecipientKind.Person, personId);

    public static NoticeRecipient Account(Guid userId) => new(NoticeRecipientKind.Account, userId);
}

/// <summary>
/// A recipient as the channels see them: name, e-mail address if any, languages, and the culture every channel
/// renders in (the first of their languages the application speaks, else the sender's).
/// </summary>
public sealed record Addressee(NoticeRecipient Recipient, string? Name, string? Email, IReadOnlyList<string> Languages, CultureInfo Culture)
{
    /// <summary>
    /// Whose notification preferences apply: the person an account is linked to, else the recipient itself. One human
    /// has one set of choices, whether a notice names their person (a participant) or their account (HR).
    /// </summary>
    public NoticeRecipient PreferencesOwner { get; init; } = Recipient;
}
