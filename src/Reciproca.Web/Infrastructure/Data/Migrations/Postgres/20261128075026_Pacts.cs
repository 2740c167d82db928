using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reciproca.Web.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CadenceSessions = table.Column<int>(type: "integer", nullable: false),
                    CadenceWeeks = table.Column<int>(type: "integer", nullable: false),
                    ConfidentialityAccepted = table.Column<bool>(type: "boolean", nullable: false),
                    DigitalMentorSignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExperienceMentorSignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PactId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    Target = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PactId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    DigitalMentorSignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExperienceMentorSignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupersededUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
