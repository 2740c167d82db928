namespace Reciproca.Web;

/// <summary>Anchor type of the shared UI strings (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
