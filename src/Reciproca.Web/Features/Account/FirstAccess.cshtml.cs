namespace Reciproca.Web.Features.Account;

/// <summary>A person of the directory without an account asks for the link that sets one up (see <see cref="PasswordHelpRequestModel"/>).</summary>
public sealed class FirstAccessModel(PasswordHelp help) : PasswordHelpRequestModel(help)
{
    public override string Texts => "FirstAccess";
}
