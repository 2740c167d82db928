using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Web.Localization;

/// <summary>
/// Gives every validation attribute that carries no message of its own a resource key, so that the data-annotations
/// localizer translates it: the implicit <see cref="RequiredAttribute"/> MVC adds for a non-nullable property
/// would otherwise say "The Name field is required." on an Italian page.
/// </summary>
public sealed class LocalizedValidationMessages : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceType is not null)
            {
                continue;
            }

            attribute.ErrorMessage = attribute switch
            {
                RequiredAttribute => "Validation.Required",
                StringLengthAttribute or MaxLengthAttribute => "Validation.TooLong",
                RangeAttribute => "Validation.Range",
                EmailAddressAttribute => "Validation.Email",
                _ => "Validation.Invalid",
            };
        }
    }

    /// <summary>The model binder's own messages (a value that does not convert, a missing value), in the page's language.</summary>
    public static void Localize(MvcOptions options, IStringLocalizer localizer)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => localizer["Form.InvalidValue", value, field]);
        messages.SetUnknownValueIsInvalidAccessor(field => localizer["Form.InvalidValue", "", field]);
        messages.SetValueIsInvalidAccessor(value => localizer["Form.InvalidValueNoField", value]);
        messages.SetValueMustNotBeNullAccessor(value => localizer["Form.InvalidValueNoField", value]);
        messages.SetMissingBindRequiredValueAccessor(field => localizer["Validation.Required", field]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["Form.MissingValue"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Form.MissingValue"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["Form.InvalidValueNoField", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Form.InvalidValueNoField", ""]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Form.MustBeNumberNoField"]);
        messages.SetValueMustBeANumberAccessor(field => localizer["Form.MustBeNumber", field]);
        options.ModelMetadataDetailsProviders.Add(new LocalizedValidationMessages());
    }
}
