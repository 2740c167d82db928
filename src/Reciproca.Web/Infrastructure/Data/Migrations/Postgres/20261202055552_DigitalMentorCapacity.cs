using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DigitalMentorCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DigitalMentorCapacity",
                table: "ProgrammeMatchingRules",
                type: "integer",
                nullable: false,
                // Programmes created before this setting gave each digital mentor one partner.
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DigitalMentorCapacity",
                table: "ProgrammeMatchingRules");
        }
    }
}
