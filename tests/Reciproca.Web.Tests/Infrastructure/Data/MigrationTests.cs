using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Tests;

/// <summary>Each engine's migration set must cover the model: a change without a migration fails here (and in CI).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteAppDbContext --output-dir Infrastructure/Data/Migrations/Sqlite");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_postgres_migrations_cover_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresAppDbContext --output-dir Infrastructure/Data/Migrations/Postgres");
        Assert.Equal(db.Database.GetMigrations().Count(), new SqliteDesignTimeFactory().CreateDbContext([]).Database.GetMigrations().Count());
    }
}
