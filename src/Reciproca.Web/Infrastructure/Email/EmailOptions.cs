using MailKit.Security;

namespace Reciproca.Web.Infrastructure.Email;

public enum EmailDelivery
{
    /// <summary>Each message is written as an <c>.eml</c> file to <see cref="EmailOptions.PickupFolder"/>: nothing is lost in development.</summary>
    Pickup,

    /// <summary>Messages go to the SMTP server of <see cref="EmailOptions.Smtp"/>.</summary>
    Smtp,
}

public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>
    /// Smtp unless configured: <c>appsettings.Development.json</c> chooses Pickup for development. Pickup anywhere
    /// else also needs <see cref="AllowPickupOutsideDevelopment"/> (ADR 0014).
    /// </summary>
    public EmailDelivery Delivery { get; set; } = EmailDelivery.Smtp;

    /// <summary>
    /// Whether <see cref="EmailDelivery.Pickup"/> is honoured outside Development. A second, deliberate switch: a
    /// left-over <c>Delivery=Pickup</c> would otherwise keep people's e-mails on disk, unsent, in production.
    /// </summary>
    public bool AllowPickupOutsideDevelopment { get; set; }

    /// <summary>Relative to the content root unless rooted.</summary>
    public string PickupFolder { get; set; } = "data/mail";

    public string FromAddress { get; set; } = "reciproca@reciproca.local";

    public string FromName { get; set; } = "Reciproca";

    /// <summary>
    /// The address people reach the application at, for links in e-mails (e.g. <c>https://reciproca.example.com</c>);
    /// required outside Development. Empty in Development: the address the server listens on (<see cref="PublicAddress"/>).
    /// Its host is also the default of <c>AllowedHosts</c>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Whether this instance sends queued messages itself. Every instance may: a message is claimed before it is sent.</summary>
    public bool SendInBackground { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long sent and abandoned messages (names, addresses, links) are kept before they are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    /// <summary>MailKit's choice: <c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";
}
