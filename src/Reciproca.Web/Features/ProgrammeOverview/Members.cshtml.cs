using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.ProgrammeOverview;

/// <summary>Who runs and sponsors a programme: HR adds co-managers and sponsors, and takes them away.</summary>
public sealed class MembersModel(ProgrammeHandlers programmes, ProgrammeMemberHandlers members, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The picker lists at most this many accounts; beyond it the user name is typed.</summary>
    public const int PickerLimit = 200;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ProgrammeView Programme { get; private set; } = null!;

    public IReadOnlyList<ProgrammeMemberView> Members { get; private set; } = [];

    public IReadOnlyList<MemberCandidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string? userName, string? role, CancellationToken cancellationToken)
    {
        var result = await members.AddAsync(Id, new AddProgrammeMember(userName ?? "", role ?? ""), this.Actor, cancellationToken);
        return await this.AnswerAsync(result, localizer["Members.Added", userName ?? ""], new { id = Id }, "Member", () => LoadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken cancellationToken) =>
        await this.AnswerAsync(await members.RemoveAsync(Id, userId, this.Actor, cancellationToken), localizer["Members.Removed"], new { id = Id }, "Member", () => LoadAsync(cancellationToken));

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var programme = await programmes.GetAsync(Id, this.Actor, cancellationToken);
        var listed = await members.ListAsync(Id, Infrastructure.Web.Api.PageRequest.All, this.Actor, cancellationToken);
        if (!programme.Succeeded || !listed.Succeeded)
        {
            return false;
        }

        Programme = programme.Value!;
        Members = listed.Value!.Items;
        Candidates = await members.CandidatesAsync(PickerLimit, cancellationToken);
        return true;
    }
}
