using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "People",
                type: "TEXT",
                nullable: true);

            // Every writer sets UpdatedUtc; a row that somehow lacks it counts as changed when it was created.
            migrationBuilder.Sql("UPDATE \"People\" SET \"UpdatedUtc\" = \"CreatedUtc\" WHERE \"UpdatedUtc\" < \"CreatedUtc\";");

            migrationBuilder.CreateIndex(
                name: "IX_People_UpdatedUtc",
                table: "People",
                column: "UpdatedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_UpdatedUtc",
                table: "People");

            migrationBuilder.DropColumn(
                name: "DeactivatedUtc",
                table: "People");
        }
    }
}
