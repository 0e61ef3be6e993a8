/** Instruments with an HTTP control interface: experiment runs started, followed and aborted over REST. */
package org.nanoos.labhub.connectors.rest;
