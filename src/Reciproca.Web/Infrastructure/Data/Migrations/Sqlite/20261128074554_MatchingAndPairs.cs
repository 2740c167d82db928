using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MatchingAndPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MatchingConstraints",
                columns: table => new
                {
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DigitalMentorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExperienceMentorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingConstraints", x => new { x.ProgrammeId, x.DigitalMentorId, x.ExperienceMentorId });
                    table.ForeignKey(
                        name: "FK_MatchingConstraints_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Objective = table.Column<long>(type: "INTEGER", nullable: false),
                    Verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchingRuns_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Pairs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DigitalMentorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExperienceMentorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<long>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DigitalMentorAcceptedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExperienceMentorAcceptedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pairs_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchingRunProposals",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DigitalMentorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExperienceMentorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<long>(type: "INTEGER", nullable: false),
                    Locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingRunProposals", x => new { x.RunId, x.DigitalMentorId, x.ExperienceMentorId });
                    table.ForeignKey(
                        name: "FK_MatchingRunProposals_MatchingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "MatchingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchingRunUnmatched",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingRunUnmatched", x => new { x.RunId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_MatchingRunUnmatched_MatchingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "MatchingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PairEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PairId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairEvents_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MatchingRuns_ProgrammeId_CreatedUtc",
                table: "MatchingRuns",
                columns: new[] { "ProgrammeId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PairEvents_PairId",
                table: "PairEvents",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairs_ProgrammeId_DigitalMentorId",
                table: "Pairs",
                columns: new[] { "ProgrammeId", "DigitalMentorId" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairs_ProgrammeId_ExperienceMentorId",
                table: "Pairs",
                columns: new[] { "ProgrammeId", "ExperienceMentorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MatchingConstraints");

            migrationBuilder.DropTable(
                name: "MatchingRunProposals");

            migrationBuilder.DropTable(
                name: "MatchingRunUnmatched");

            migrationBuilder.DropTable(
                name: "PairEvents");

            migrationBuilder.DropTable(
                name: "MatchingRuns");

            migrationBuilder.DropTable(
                name: "Pairs");
        }
    }
}
