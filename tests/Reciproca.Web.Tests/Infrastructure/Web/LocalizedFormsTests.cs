using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web.Localization;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// No English in an Italian form's errors: every field a page binds is named in Italian, the binder's own messages
/// are Italian, and the "required" MVC adds by itself for a non-nullable property carries a resource key.
/// </summary>
public sealed class LocalizedFormsTests : IClassFixture<SqliteAppFixture>
{
    private static readonly CultureInfo _italian = CultureInfo.GetCultureInfo("it");
    private readonly ReciprocaFactory _factory;

    public LocalizedFormsTests(SqliteAppFixture fixture) => _factory = fixture.Factory;

    public static TheoryData<string> BoundFields()
    {
        var data = new TheoryData<string>();
        foreach (var field in Fields())
        {
            data.Add(field.Key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoundFields))]
    public void Every_field_a_page_binds_is_named_in_Italian(string field)
    {
        var (container, property) = Fields()[field];
        var metadata = _factory.Services.GetRequiredService<IModelMetadataProvider>().GetMetadataForProperty(container, property.Name);

        var name = EmailLinks.In(_italian, metadata.GetDisplayName);

        // Named by a resource key ("Password" is Italian too, so the name itself may equal the property's).
        Assert.NotNull(property.GetCustomAttribute<System.ComponentModel.DataAnnotations.DisplayAttribute>()?.Name);
        Assert.DoesNotContain('.', name);
    }

    [Fact]
    public void The_binders_own_messages_are_Italian_on_an_Italian_page()
    {
        var messages = _factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBindingMessageProvider;

        var texts = EmailLinks.In(_italian, () => new[]
        {
            messages.AttemptedValueIsInvalidAccessor("x", "Data di inizio"),
            messages.MissingBindRequiredValueAccessor("Nome"),
            messages.MissingKeyOrValueAccessor(),
            messages.MissingRequestBodyRequiredValueAccessor(),
            messages.NonPropertyAttemptedValueIsInvalidAccessor("x"),
            messages.NonPropertyUnknownValueIsInvalidAccessor(),
            messages.NonPropertyValueMustBeANumberAccessor(),
            messages.UnknownValueIsInvalidAccessor("Nome"),
            messages.ValueIsInvalidAccessor("x"),
            messages.ValueMustBeANumberAccessor("Nome"),
            messages.ValueMustNotBeNullAccessor("x"),
        });

        Assert.All(texts, text => Assert.DoesNotMatch(@"\b(The|is|field|value|must)\b", text));
    }

    [Fact]
    public void The_implicit_required_of_a_non_nullable_property_has_a_resource_key()
    {
        var provider = _factory.Services.GetRequiredService<IModelMetadataProvider>();
        var metadata = provider.GetMetadataForProperty(typeof(Sample), nameof(Sample.Name));

        var required = Assert.Single(metadata.ValidatorMetadata.OfType<System.ComponentModel.DataAnnotations.RequiredAttribute>());
        Assert.Equal("Validation.Required", required.ErrorMessage);
    }

    private sealed class Sample
    {
        public string Name { get; set; } = "";
    }

    // The page models' bound properties: a simple one is a field; a complex one contributes its own properties.
    private static Dictionary<string, (Type Container, PropertyInfo Property)> Fields()
    {
        var fields = new Dictionary<string, (Type, PropertyInfo)>();
        var pages = typeof(Program).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(PageModel)) && !type.IsAbstract);
        foreach (var page in pages)
        {
            foreach (var property in page.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: false }))
            {
                if (IsHidden(property.PropertyType))
                {
                    continue;
                }

                if (IsSimple(property.PropertyType))
                {
                    fields[$"{page.Name}.{property.Name}"] = (page, property);
                    continue;
                }

                foreach (var inner in property.PropertyType.GetProperties().Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && IsSimple(p.PropertyType)))
                {
                    fields[$"{page.Name}.{property.Name}.{inner.Name}"] = (property.PropertyType, inner);
                }
            }
        }

        return fields;
    }

    // Ids and versions (and lists of ids: ticked rows) are written by the page itself, never typed by a person, so
    // their names are never shown.
    private static bool IsHidden(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) == typeof(Guid) || (type.IsGenericType && type.GetGenericArguments() is [var item] && item == typeof(Guid));

    // A list of values binds as one field.
    private static bool IsSimple(Type type)
    {
        if (type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return IsSimple(item);
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(decimal);
    }
}
