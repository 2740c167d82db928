using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Reciproca.Web.Features.Sessions;

public sealed class MeetingOptions
{
    public const string SectionName = "Meetings";

    /// <summary>Where "create a meeting link" makes its rooms: a public or the organisation's own Jitsi server.</summary>
    public string JitsiBaseUrl { get; set; } = "https://meet.jit.si/";
}

/// <summary>
/// Remote-meeting links. A Jitsi room is open to whoever knows its name, so the name is the secret: 160 random bits,
/// which nobody guesses or enumerates.
/// </summary>
public sealed class MeetingLinks(IOptions<MeetingOptions> options)
{
    public const int RoomBytes = 20;

    public string Create()
    {
        var root = options.Value.JitsiBaseUrl.Trim();
        return (root.EndsWith('/') ? root : root + "/") + "Reciproca-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RoomBytes));
    }

    /// <summary>Only web links: a <c>javascript:</c> or <c>file:</c> "meeting URL" in an invite would be an attack, not a meeting.</summary>
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);
}
