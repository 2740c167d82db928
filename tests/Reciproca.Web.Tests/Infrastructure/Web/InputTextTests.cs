using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Tests.Web;

/// <summary>The one rule for typed and sent text: what may be stored, and where the first refused character is.</summary>
public sealed class InputTextTests
{
    [Theory]
    [InlineData("José García")]
    [InlineData("D'Angelo-Müller")]
    [InlineData("Zoë 🙂 Pirrò")]
    [InlineData("عربي \u200F mark")]
    [InlineData("")]
    public void Ordinary_text_in_any_script_is_clean(string text) =>
        Assert.Equal(-1, InputText.FirstRefused(text));

    [Theory]
    [InlineData("Ann\0a", 3)]
    [InlineData("\u001B[31mred", 0)]
    [InlineData("Anna\u007F", 4)]
    [InlineData("Anna\u0085", 4)]
    [InlineData("admin\u202Egnp.exe", 5)]
    [InlineData("x\u2066y", 1)]
    [InlineData("tab\there", 3)]
    [InlineData("two\nlines", 3)]
    public void Control_characters_and_direction_overrides_are_refused_in_a_single_line(string text, int position) =>
        Assert.Equal(position, InputText.FirstRefused(text));

    [Fact]
    public void Unpaired_surrogates_are_refused_and_paired_ones_kept()
    {
        // Built here, not in an attribute: an attribute's strings are stored as UTF-8, which has no lone surrogates.
        var high = new string('\uD800', 1);
        var low = new string('\uDC00', 1);

        Assert.Equal(5, InputText.FirstRefused("lone " + high + " surrogate"));
        Assert.Equal(9, InputText.FirstRefused("reversed " + low + high));
        Assert.Equal(-1, InputText.FirstRefused("paired " + high + low));
    }

    [Fact]
    public void Multi_line_text_keeps_its_tabs_and_line_breaks_but_not_other_controls()
    {
        Assert.Equal(-1, InputText.FirstRefused("First line\r\n\tsecond line", multiLine: true));
        Assert.Equal(6, InputText.FirstRefused("Lines\n\0", multiLine: true));
    }

    [Fact]
    public void The_message_names_the_character_and_its_position_from_one()
    {
        var message = InputText.Problem("Ann\0a", (key, arguments) => $"{key}: {string.Join(" ", arguments)}");

        Assert.Equal("Text.RefusedCharacter: U+0000 4", message);
    }
}
