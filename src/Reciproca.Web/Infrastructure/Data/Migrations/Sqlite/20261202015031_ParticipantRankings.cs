using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParticipantRankings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "ProgrammeMatchingRules",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Optimal");

            migrationBuilder.AddColumn<string>(
                name: "ProposingSide",
                table: "ProgrammeMatchingRules",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "DigitalMentor");

            migrationBuilder.AddColumn<int>(
                name: "BlockingPairs",
                table: "MatchingRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "MatchingRuns",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Optimal");

            migrationBuilder.CreateTable(
                name: "ParticipantRankings",
                columns: table => new
                {
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    RankedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipantRankings", x => new { x.ProgrammeId, x.PersonId, x.CandidateId });
                    table.ForeignKey(
                        name: "FK_ParticipantRankings_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParticipantRankings");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "ProgrammeMatchingRules");

            migrationBuilder.DropColumn(
                name: "ProposingSide",
                table: "ProgrammeMatchingRules");

            migrationBuilder.DropColumn(
                name: "BlockingPairs",
                table: "MatchingRuns");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "MatchingRuns");
        }
    }
}
