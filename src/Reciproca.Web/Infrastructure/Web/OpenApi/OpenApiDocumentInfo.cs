using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>The document's info, licence, servers, bearer scheme and the tags with their descriptions.</summary>
internal sealed class OpenApiDocumentInfo : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Reciproca API",
            Version = "v1",
            Summary = "Reverse-mentoring programmes: people, programmes, assessments, matching, pairs and pacts.",
            Description = """
                The API of Reciproca, an open-source platform for reverse-mentoring programmes: import people from an HR
                export, design programmes, enrol and invite participants, collect their DigComp self-assessments, match
                pairs that benefit both ways, publish them, and let each pair accept and sign its reciprocity pact.

                Authenticate with `Authorization: Bearer <token>` (an API token created by an administrator). Errors are
                RFC 9457 problem details (`application/problem+json`); lists answer `{ total, page, pageSize, items }`;
                versioned resources send an `ETag` and expect it back in `If-Match`.
                """,
            License = new OpenApiLicense { Name = "Apache-2.0", Url = new Uri("https://www.apache.org/licenses/LICENSE-2.0") },
        };

        // Relative to wherever the document is served from: the same in the checked-in file and at run time.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token created by an administrator.",
        };

        var used = (document.Paths ?? [])
            .SelectMany(path => path.Value.Operations ?? [])
            .SelectMany(operation => operation.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            // A tag without an entry goes out undescribed, and OpenApiContractTests fails until it gets one.
            Description = OpenApiTags.Descriptions.GetValueOrDefault(name),
        }));
        return Task.CompletedTask;
    }
}
