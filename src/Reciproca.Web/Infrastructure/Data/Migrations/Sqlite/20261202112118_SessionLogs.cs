using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SessionRules_HrAlertDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 28);

            migrationBuilder.AddColumn<int>(
                name: "SessionRules_LogNudgeHours",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "SessionRules_LogSecondNudgeDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "SessionRules_QuietNudgeDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<int>(
                name: "SessionRules_ReminderHours",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.CreateTable(
                name: "PairReflections",
                columns: table => new
                {
                    PairId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Gained = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WouldRecommend = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairReflections", x => new { x.PairId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_PairReflections_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PairReflections_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionLogs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PairId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Held = table.Column<bool>(type: "INTEGER", nullable: false),
                    MissedReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Taught = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Learned = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    PrivateNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionLogs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionLogs_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionLogs_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionLogGoals",
                columns: table => new
                {
                    LogId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionLogGoals", x => new { x.LogId, x.GoalId });
                    table.ForeignKey(
                        name: "FK_SessionLogGoals_SessionLogs_LogId",
                        column: x => x.LogId,
                        principalTable: "SessionLogs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PairReflections_PersonId",
                table: "PairReflections",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionLogs_AuthorId",
                table: "SessionLogs",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionLogs_PairId_CreatedUtc",
                table: "SessionLogs",
                columns: new[] { "PairId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionLogs_SessionId_AuthorId",
                table: "SessionLogs",
                columns: new[] { "SessionId", "AuthorId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PairReflections");

            migrationBuilder.DropTable(
                name: "SessionLogGoals");

            migrationBuilder.DropTable(
                name: "SessionLogs");

            migrationBuilder.DropColumn(
                name: "SessionRules_HrAlertDays",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "SessionRules_LogNudgeHours",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "SessionRules_LogSecondNudgeDays",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "SessionRules_QuietNudgeDays",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "SessionRules_ReminderHours",
                table: "Programmes");
        }
    }
}
