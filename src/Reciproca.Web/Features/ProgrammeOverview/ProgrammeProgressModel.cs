namespace Reciproca.Web.Features.ProgrammeOverview;

/// <summary>The model of <c>_ProgrammeProgress</c>: a programme's progress, and whether the reader manages it (links).</summary>
public sealed record ProgrammeProgressModel(ProgrammeProgressView View, bool Manager)
{
    public int StageNumber => (int)View.Stage + 1;
}
