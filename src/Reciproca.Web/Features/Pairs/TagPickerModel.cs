namespace Reciproca.Web.Features.Pairs;

/// <summary>The model of <c>_TagPicker</c>: one goal row's tags, the catalogue to pick from, and how to name a tag.</summary>
public sealed record TagPickerModel(int Row, IReadOnlyList<string> Selected, IReadOnlyList<TagGroup> Groups, Func<string, string> NameOf)
{
    /// <summary>Picked tags that are in no group (an archived topic): kept, shown and still posted.</summary>
    public IEnumerable<string> Others => Selected.Where(tag => !Groups.Any(g => g.Tags.Any(t => t.Key == tag)));
}
