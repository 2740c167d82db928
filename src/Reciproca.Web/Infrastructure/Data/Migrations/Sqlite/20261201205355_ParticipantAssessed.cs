using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParticipantAssessed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AssessedUtc",
                table: "Participants",
                type: "TEXT",
                nullable: true);

            // Participants assessed before this column existed: when their assessment was submitted.
            migrationBuilder.Sql(
                "UPDATE \"Participants\" SET \"AssessedUtc\" = " +
                "(SELECT a.\"SubmittedUtc\" FROM \"Assessments\" a WHERE a.\"ParticipantId\" = \"Participants\".\"Id\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssessedUtc",
                table: "Participants");
        }
    }
}
