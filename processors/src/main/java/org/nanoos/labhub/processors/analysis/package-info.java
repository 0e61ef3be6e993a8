/**
 * Analysis in the pipeline: the verticals' science applied to stored measurements by their quantity (as they
 * arrive, and to whole experiment runs when they end), with results kept in PostgreSQL next to what they were
 * computed from, and the same functions offered as beans to routes and to the REST API.
 */
package org.nanoos.labhub.processors.analysis;
