using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PairId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CadenceSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    CadenceWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfidentialityAccepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DigitalMentorSignedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExperienceMentorSignedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pacts_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactGoals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactGoals_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    DigitalMentorSignedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExperienceMentorSignedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactRevisions_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PactGoals_PactId",
                table: "PactGoals",
                column: "PactId");

            migrationBuilder.CreateIndex(
                name: "IX_PactRevisions_PactId_Number",
                table: "PactRevisions",
                columns: new[] { "PactId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pacts_PairId",
                table: "Pacts",
                column: "PairId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PactGoals");

            migrationBuilder.DropTable(
                name: "PactRevisions");

            migrationBuilder.DropTable(
                name: "Pacts");
        }
    }
}
