package org.jsna.indicators;

/**
 * Resident population of one locality (or {@code All}), sex and ESP 5-year band ({@code 0-4} …
 * {@code 90+}) at a mid-year; feeds the population pyramids.
 */
public record PopulationCell(int year, String locality, char sex, String ageBand, double population) {
}
